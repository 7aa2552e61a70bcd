/* TalkFX.ofx: the native face of the TalkFX OpenFX plugin.
 *
 * - Exports only OfxGetNumberOfPlugins, OfxGetPlugin and OfxSetHost (built with -fvisibility=hidden).
 * - Load, Describe and DescribeInContext are answered here, without Java: the plugins' descriptions were
 *   recorded from the Java effects at build time into Contents/Resources/talkfx-describe.tsv and are replayed
 *   through the host's property, image effect and parameter suites. Hosts scan plugins in every process
 *   (MLT even per frame), so discovery must never start a JVM.
 * - Every other action goes to org.talkfx.ofx.OfxEntry.dispatch in one JVM per process, created on first
 *   need on a helper thread and never destroyed (HotSpot cannot create a second VM in a process).
 * - Variadic suite functions are called only from the fixed-signature helpers below, whose addresses Java
 *   receives once (see docs/decision-ofx-bridge.md).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <jni.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ofx_abi.h"

#define EXPORT __attribute__((visibility("default")))
#define MAX_PLUGINS 8
#define DESCRIBE_FILE "talkfx-describe.tsv"
#define JVM_CONFIG_FILE "talkfx-jvm.cfg"
#define ENTRY_CLASS "org.talkfx.ofx.OfxEntry"

/* ------------------------------------------------------------------------------------------------ */
/* Host and suites                                                                                   */

static OfxHost *g_host;
static const OfxPropertySuiteV1 *g_prop;
static const OfxImageEffectSuiteV1 *g_effect;
static const OfxParameterSuiteV1 *g_param;
static const OfxMessageSuiteV2 *g_msg; /* v1 or v2: only the first member is used here */

static void fetch_suites(void) {
  if (!g_host || !g_host->fetchSuite) return;
  g_prop = g_host->fetchSuite(g_host->host, "OfxPropertySuite", 1);
  g_effect = g_host->fetchSuite(g_host->host, "OfxImageEffectSuite", 1);
  g_param = g_host->fetchSuite(g_host->host, "OfxParameterSuite", 1);
  g_msg = g_host->fetchSuite(g_host->host, "OfxMessageSuite", 2);
  if (!g_msg) g_msg = g_host->fetchSuite(g_host->host, "OfxMessageSuite", 1);
}

/* Tells the user through the host (if it has a message suite) and always on stderr; text starts with "TalkFX". */
static void report(const void *handle, const char *type, const char *text) {
  fprintf(stderr, "%s\n", text);
  if (g_msg && g_msg->message) g_msg->message((void *)handle, type, "talkfx.bridge", "%s", text);
}

/* ------------------------------------------------------------------------------------------------ */
/* Bundle layout: <bundle>/Contents/Linux-x86-64/TalkFX.ofx and <bundle>/Contents/Resources/          */

static char g_shim_path[PATH_MAX];
static char g_bundle[PATH_MAX];
static char g_resources[PATH_MAX + 32];

/* Hosts need not tell us where the binary is (MLT does not set kOfxPluginPropFilePath): ask the loader. */
static void locate_bundle(void) {
  Dl_info info;
  char real[PATH_MAX];
  if (!dladdr((void *)&locate_bundle, &info) || !info.dli_fname || !realpath(info.dli_fname, real)) return;
  snprintf(g_shim_path, sizeof g_shim_path, "%s", real);
  for (int up = 0; up < 3; up++) { /* strip NAME.ofx, <arch>, Contents */
    char *slash = strrchr(real, '/');
    if (!slash) return;
    *slash = '\0';
  }
  snprintf(g_bundle, sizeof g_bundle, "%s", real);
  snprintf(g_resources, sizeof g_resources, "%s/Contents/Resources", real);
}

/* ------------------------------------------------------------------------------------------------ */
/* Recorded descriptions. Tab-separated lines:                                                       */
/*   plugin <id> <major> <minor> | context <name> | clip <name> | param <type> <name>                */
/*   prop <s|i|d> <name> <value>...   (applies to the latest plugin/clip/param line)                 */

static char *g_desc_text;
static char **g_lines;
static int g_nlines;
static int g_nplugins;
static int g_plugin_line[MAX_PLUGINS];
static OfxPlugin g_plugins[MAX_PLUGINS];
static pthread_once_t g_init_once = PTHREAD_ONCE_INIT;

static OfxStatus main_entry(int plugin, const char *action, const void *handle, OfxPropertySetHandle in,
                            OfxPropertySetHandle out);

/* One distinct entry point per plugin index: the OFX entry signature carries no plugin identity. */
#define ENTRY(i) \
  static OfxStatus entry##i(const char *a, const void *h, OfxPropertySetHandle in, OfxPropertySetHandle out) { \
    return main_entry(i, a, h, in, out); \
  }
ENTRY(0) ENTRY(1) ENTRY(2) ENTRY(3) ENTRY(4) ENTRY(5) ENTRY(6) ENTRY(7)
static OfxPluginEntryPoint *const g_entries[MAX_PLUGINS] = {entry0, entry1, entry2, entry3,
                                                            entry4, entry5, entry6, entry7};

static void set_host(OfxHost *host) { g_host = host; }

/* Splits a line in place at tabs; returns the number of fields. */
static int split_tabs(char *line, char **fields, int max) {
  int n = 0;
  while (n < max) {
    fields[n++] = line;
    char *tab = strchr(line, '\t');
    if (!tab) break;
    *tab = '\0';
    line = tab + 1;
  }
  return n;
}

static void load_descriptions(void) {
  locate_bundle();
  char path[PATH_MAX + 64];
  snprintf(path, sizeof path, "%s/%s", g_resources, DESCRIBE_FILE);
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "TalkFX: cannot read %s: the bundle is incomplete, no plugin is offered\n", path);
    return;
  }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  g_desc_text = malloc((size_t)size + 1);
  size_t got = fread(g_desc_text, 1, (size_t)size, f);
  fclose(f);
  g_desc_text[got] = '\0';
  for (char *p = g_desc_text; *p; p++) g_nlines += *p == '\n';
  g_lines = calloc((size_t)g_nlines + 1, sizeof *g_lines);
  g_nlines = 0;
  for (char *line = strtok(g_desc_text, "\n"); line; line = strtok(NULL, "\n")) g_lines[g_nlines++] = line;
  /* the plugin lines are split once, here; every other line is split on a copy when replayed */
  for (int i = 0; i < g_nlines && g_nplugins < MAX_PLUGINS; i++) {
    if (strncmp(g_lines[i], "plugin\t", 7) != 0) continue;
    char *fields[4];
    char *copy = strdup(g_lines[i]);
    if (split_tabs(copy, fields, 4) != 4) continue;
    OfxPlugin *p = &g_plugins[g_nplugins];
    p->pluginApi = "OfxImageEffectPluginAPI";
    p->apiVersion = 1;
    p->pluginIdentifier = fields[1]; /* copy stays allocated for the life of the process */
    p->pluginVersionMajor = (unsigned)atoi(fields[2]);
    p->pluginVersionMinor = (unsigned)atoi(fields[3]);
    p->setHost = set_host;
    p->mainEntry = g_entries[g_nplugins];
    g_plugin_line[g_nplugins++] = i;
  }
}

static OfxStatus apply_prop(OfxPropertySetHandle target, const char *line) {
  char *copy = strdup(line), *f[64];
  int n = split_tabs(copy, f, 64);
  OfxStatus st = kOfxStatOK;
  for (int i = 3; i < n && st == kOfxStatOK; i++) {
    if (f[1][0] == 's') st = g_prop->propSetString(target, f[2], i - 3, f[i]);
    else if (f[1][0] == 'i') st = g_prop->propSetInt(target, f[2], i - 3, atoi(f[i]));
    else if (f[1][0] == 'd') st = g_prop->propSetDouble(target, f[2], i - 3, strtod(f[i], NULL));
  }
  /* hosts may reject properties they do not know; that is no reason to fail the description */
  if (st != kOfxStatOK) fprintf(stderr, "TalkFX: host refused property %s (status %d)\n", f[2], st);
  free(copy);
  return kOfxStatOK;
}

static int starts(const char *line, const char *word) { return strncmp(line, word, strlen(word)) == 0; }

static OfxStatus describe(int plugin, OfxImageEffectHandle descriptor) {
  OfxPropertySetHandle props;
  if (!g_prop || !g_effect || g_effect->getPropertySet(descriptor, &props) != kOfxStatOK) return kOfxStatErrMissingHostFeature;
  for (int i = g_plugin_line[plugin] + 1; i < g_nlines && !starts(g_lines[i], "plugin\t") && !starts(g_lines[i], "context\t"); i++)
    if (starts(g_lines[i], "prop\t")) apply_prop(props, g_lines[i]);
  return kOfxStatOK;
}

static OfxStatus describe_in_context(int plugin, OfxImageEffectHandle descriptor, OfxPropertySetHandle in) {
  char *context = NULL;
  OfxParamSetHandle params;
  if (!g_prop || !g_effect || !g_param || g_prop->propGetString(in, "OfxImageEffectPropContext", 0, &context) != kOfxStatOK ||
      g_effect->getParamSet(descriptor, &params) != kOfxStatOK)
    return kOfxStatErrMissingHostFeature;
  int i = g_plugin_line[plugin] + 1;
  for (; i < g_nlines && !starts(g_lines[i], "plugin\t"); i++)
    if (starts(g_lines[i], "context\t") && strcmp(g_lines[i] + 8, context) == 0) break;
  if (i >= g_nlines || starts(g_lines[i], "plugin\t")) return kOfxStatErrUnsupported;
  OfxPropertySetHandle target = NULL;
  for (i++; i < g_nlines && !starts(g_lines[i], "plugin\t") && !starts(g_lines[i], "context\t"); i++) {
    char *copy = strdup(g_lines[i]), *f[3];
    int n = split_tabs(copy, f, 3);
    OfxStatus st = kOfxStatOK;
    if (strcmp(f[0], "clip") == 0 && n >= 2) st = g_effect->clipDefine(descriptor, f[1], &target);
    else if (strcmp(f[0], "param") == 0 && n >= 3) st = g_param->paramDefine(params, f[1], f[2], &target);
    else if (strcmp(f[0], "prop") == 0 && target) apply_prop(target, g_lines[i]);
    free(copy);
    if (st != kOfxStatOK) return st;
  }
  return kOfxStatOK;
}

/* ------------------------------------------------------------------------------------------------ */
/* Fixed-signature helpers for the variadic suite functions (x86-64 varargs need %al set right).      */

static OfxStatus get_ints(const OfxParameterSuiteV1 *s, OfxParamHandle p, int at, double t, int n, int *o) {
  switch (n) {
  case 1: return at ? s->paramGetValueAtTime(p, t, &o[0]) : s->paramGetValue(p, &o[0]);
  case 2: return at ? s->paramGetValueAtTime(p, t, &o[0], &o[1]) : s->paramGetValue(p, &o[0], &o[1]);
  case 3: return at ? s->paramGetValueAtTime(p, t, &o[0], &o[1], &o[2]) : s->paramGetValue(p, &o[0], &o[1], &o[2]);
  default: return kOfxStatErrValue;
  }
}
static OfxStatus get_doubles(const OfxParameterSuiteV1 *s, OfxParamHandle p, int at, double t, int n, double *o) {
  switch (n) {
  case 1: return at ? s->paramGetValueAtTime(p, t, &o[0]) : s->paramGetValue(p, &o[0]);
  case 2: return at ? s->paramGetValueAtTime(p, t, &o[0], &o[1]) : s->paramGetValue(p, &o[0], &o[1]);
  case 3: return at ? s->paramGetValueAtTime(p, t, &o[0], &o[1], &o[2]) : s->paramGetValue(p, &o[0], &o[1], &o[2]);
  case 4: return at ? s->paramGetValueAtTime(p, t, &o[0], &o[1], &o[2], &o[3]) : s->paramGetValue(p, &o[0], &o[1], &o[2], &o[3]);
  default: return kOfxStatErrValue;
  }
}
static OfxStatus get_string(const OfxParameterSuiteV1 *s, OfxParamHandle p, int at, double t, char **o) {
  return at ? s->paramGetValueAtTime(p, t, o) : s->paramGetValue(p, o);
}
static OfxStatus set_ints(const OfxParameterSuiteV1 *s, OfxParamHandle p, int at, double t, int n, const int *v) {
  switch (n) {
  case 1: return at ? s->paramSetValueAtTime(p, t, v[0]) : s->paramSetValue(p, v[0]);
  case 2: return at ? s->paramSetValueAtTime(p, t, v[0], v[1]) : s->paramSetValue(p, v[0], v[1]);
  case 3: return at ? s->paramSetValueAtTime(p, t, v[0], v[1], v[2]) : s->paramSetValue(p, v[0], v[1], v[2]);
  default: return kOfxStatErrValue;
  }
}
static OfxStatus set_doubles(const OfxParameterSuiteV1 *s, OfxParamHandle p, int at, double t, int n, const double *v) {
  switch (n) {
  case 1: return at ? s->paramSetValueAtTime(p, t, v[0]) : s->paramSetValue(p, v[0]);
  case 2: return at ? s->paramSetValueAtTime(p, t, v[0], v[1]) : s->paramSetValue(p, v[0], v[1]);
  case 3: return at ? s->paramSetValueAtTime(p, t, v[0], v[1], v[2]) : s->paramSetValue(p, v[0], v[1], v[2]);
  case 4: return at ? s->paramSetValueAtTime(p, t, v[0], v[1], v[2], v[3]) : s->paramSetValue(p, v[0], v[1], v[2], v[3]);
  default: return kOfxStatErrValue;
  }
}
static OfxStatus set_string(const OfxParameterSuiteV1 *s, OfxParamHandle p, int at, double t, const char *v) {
  return at ? s->paramSetValueAtTime(p, t, v) : s->paramSetValue(p, v);
}
/* The text is passed as the argument of "%s", so a '%' in it is never read as a conversion. */
static OfxStatus message(const OfxMessageSuiteV2 *s, void *h, const char *type, const char *id, const char *text) {
  return s->message(h, type, id, "%s", text);
}
static OfxStatus persistent_message(const OfxMessageSuiteV2 *s, void *h, const char *type, const char *id, const char *text) {
  return s->setPersistentMessage(h, type, id, "%s", text);
}

static OfxStatus multi_thread(const OfxMultiThreadSuiteV1 *s, OfxThreadFunctionV1 *fn, unsigned n, void *arg);

/* Java reads this table by index (org.talkfx.ofx.jna.VarargsHelpers): keep the order in step. */
static void *const g_helpers[] = {
    (void *)get_ints, (void *)get_doubles, (void *)get_string, (void *)set_ints,
    (void *)set_doubles, (void *)set_string, (void *)message, (void *)persistent_message,
    (void *)multi_thread,
};

/* ------------------------------------------------------------------------------------------------ */
/* The JVM                                                                                           */

typedef jint(JNICALL *CreateJavaVM_fn)(JavaVM **, void **, void *);
typedef jint(JNICALL *GetCreatedJavaVMs_fn)(JavaVM **, jsize, jsize *);

static pthread_mutex_t g_java_lock = PTHREAD_MUTEX_INITIALIZER;
static int g_java_state;  /* 0 not tried, 1 ready, -1 failed for good (read with atomics) */
static char g_java_error[8192];
static JavaVM *g_vm;
static jclass g_entry;
static jmethodID g_dispatch, g_set_host;
static jstring g_plugin_ids[MAX_PLUGINS];
static OfxHost *g_java_host; /* the host pointer Java last saw */
static pthread_key_t g_env_key;

/* Runs when a host thread that we attached exits: a thread that dies attached leaks its Java peer. */
static void detach_at_thread_exit(void *env) {
  (void)env;
  if (g_vm) (*g_vm)->DetachCurrentThread(g_vm);
}

static JNIEnv *attached_env(void) {
  JNIEnv *env = pthread_getspecific(g_env_key);
  if (env) return env;
  if ((*g_vm)->GetEnv(g_vm, (void **)&env, JNI_VERSION_1_8) == JNI_OK) return env; /* someone else owns it */
  JavaVMAttachArgs args = {JNI_VERSION_1_8, "ofx-host-thread", NULL};
  if ((*g_vm)->AttachCurrentThreadAsDaemon(g_vm, (void **)&env, &args) != JNI_OK) return NULL;
  pthread_setspecific(g_env_key, env);
  return env;
}

static int fail_java(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(g_java_error, sizeof g_java_error, fmt, ap);
  va_end(ap);
  return 0;
}

/* Describes and clears a pending Java exception into g_java_error. */
static int java_exception(JNIEnv *env, const char *what) {
  jthrowable t = (*env)->ExceptionOccurred(env);
  if (!t) return 0;
  (*env)->ExceptionClear(env);
  jclass objectClass = (*env)->FindClass(env, "java/lang/Object");
  jstring text = (*env)->CallObjectMethod(env, t, (*env)->GetMethodID(env, objectClass, "toString", "()Ljava/lang/String;"));
  const char *utf = text ? (*env)->GetStringUTFChars(env, text, NULL) : NULL;
  fail_java("%s failed: %s", what, utf ? utf : "(no description)");
  if (utf) (*env)->ReleaseStringUTFChars(env, text, utf);
  (*env)->ExceptionClear(env);
  return 1;
}

/* libjvm.so: the runtime inside the bundle, else $TALKFX_JAVA_HOME, else $JAVA_HOME. */
static void *open_libjvm(char *looked, size_t looked_size) {
  const char *homes[3][2] = {{"bundle runtime", NULL}, {"TALKFX_JAVA_HOME", getenv("TALKFX_JAVA_HOME")},
                             {"JAVA_HOME", getenv("JAVA_HOME")}};
  char bundled[PATH_MAX + 64];
  snprintf(bundled, sizeof bundled, "%s/jre", g_resources);
  homes[0][1] = bundled;
  looked[0] = '\0';
  for (int i = 0; i < 3; i++) {
    char path[PATH_MAX + 64];
    size_t used = strlen(looked);
    if (!homes[i][1] || !*homes[i][1]) {
      snprintf(looked + used, looked_size - used, "%s%s (not set)", used ? "; " : "", homes[i][0]);
      continue;
    }
    snprintf(path, sizeof path, "%s/lib/server/libjvm.so", homes[i][1]);
    void *lib = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
    if (lib) return lib;
    snprintf(looked + used, looked_size - used, "%s%s: %s", used ? "; " : "", homes[i][0], path);
  }
  return NULL;
}

/* HotSpot calls these hooks when it gives up; while JNI_CreateJavaVM runs (a heap it cannot reserve, say) it
 * would otherwise exit the whole process. Then only our helper thread ends, so the host lives and gets our
 * message. Later exits (System.exit in Java, a VM crash) go on as they would. */
static __thread int tl_creating_vm;
static void give_up_starting(const char *how) {
  if (!tl_creating_vm) return;
  fail_java("the JVM %s while starting; see the host's standard error and check %s/%s", how, g_resources, JVM_CONFIG_FILE);
  pthread_exit(NULL);
}
static void JNICALL jvm_exit_hook(jint code) {
  (void)code;
  give_up_starting("exited");
}
static void JNICALL jvm_abort_hook(void) { give_up_starting("aborted"); }

/* JVM options: one per line in Resources/talkfx-jvm.cfg ('#' starts a comment), plus -Xrs always. */
static int read_options(JavaVMOption *options, int max, char *storage, size_t storage_size) {
  int n = 0, has_xmx = 0;
  options[n++].optionString = "-Xrs"; /* leave SIGINT/SIGTERM/SIGHUP/SIGQUIT to the host */
  options[n].optionString = "exit";
  options[n++].extraInfo = (void *)jvm_exit_hook;
  options[n].optionString = "abort";
  options[n++].extraInfo = (void *)jvm_abort_hook;
  char path[PATH_MAX + 64];
  snprintf(path, sizeof path, "%s/%s", g_resources, JVM_CONFIG_FILE);
  FILE *f = fopen(path, "r");
  size_t used = 0;
  char line[1024];
  while (f && n < max - 1 && fgets(line, sizeof line, f)) {
    line[strcspn(line, "\r\n")] = '\0';
    char *s = line;
    while (*s == ' ' || *s == '\t') s++;
    if (!*s || *s == '#' || used + strlen(s) + 1 > storage_size) continue;
    has_xmx |= strncmp(s, "-Xmx", 4) == 0;
    options[n++].optionString = strcpy(storage + used, s);
    used += strlen(s) + 1;
  }
  if (f) fclose(f);
  if (!has_xmx) options[n++].optionString = "-Xmx1g"; /* never a quarter of the editor's machine */
  return n;
}

/* Builds a URLClassLoader over the jars in Resources and loads OfxEntry from it: the classes then work the same
 * in a JVM we created and in one that the host (or another plugin) created with its own class path. */
static int load_entry_class(JNIEnv *env) {
  DIR *dir = opendir(g_resources);
  if (!dir) return fail_java("cannot open %s", g_resources);
  char *jars[512];
  int njars = 0;
  for (struct dirent *e; (e = readdir(dir)) && njars < 512;) {
    size_t len = strlen(e->d_name);
    if (len > 4 && strcmp(e->d_name + len - 4, ".jar") == 0) {
      jars[njars] = malloc(strlen(g_resources) + len + 2);
      sprintf(jars[njars++], "%s/%s", g_resources, e->d_name);
    }
  }
  closedir(dir);
  if (njars == 0) return fail_java("no TalkFX jars (*.jar) in %s", g_resources);

  jclass fileClass = (*env)->FindClass(env, "java/io/File");
  jclass uriClass = (*env)->FindClass(env, "java/net/URI");
  jclass urlClass = (*env)->FindClass(env, "java/net/URL");
  jclass loaderClass = (*env)->FindClass(env, "java/net/URLClassLoader");
  jclass classLoaderClass = (*env)->FindClass(env, "java/lang/ClassLoader");
  jclass classClass = (*env)->FindClass(env, "java/lang/Class");
  if (java_exception(env, "finding JDK classes")) return 0;
  jmethodID fileNew = (*env)->GetMethodID(env, fileClass, "<init>", "(Ljava/lang/String;)V");
  jmethodID toUri = (*env)->GetMethodID(env, fileClass, "toURI", "()Ljava/net/URI;");
  jmethodID toUrl = (*env)->GetMethodID(env, uriClass, "toURL", "()Ljava/net/URL;");
  jobjectArray urls = (*env)->NewObjectArray(env, njars, urlClass, NULL);
  for (int i = 0; i < njars; i++) {
    jobject file = (*env)->NewObject(env, fileClass, fileNew, (*env)->NewStringUTF(env, jars[i]));
    jobject url = (*env)->CallObjectMethod(env, (*env)->CallObjectMethod(env, file, toUri), toUrl);
    (*env)->SetObjectArrayElement(env, urls, i, url);
    free(jars[i]);
  }
  jobject parent = (*env)->CallStaticObjectMethod(env, classLoaderClass,
      (*env)->GetStaticMethodID(env, classLoaderClass, "getSystemClassLoader", "()Ljava/lang/ClassLoader;"));
  jobject loader = (*env)->NewObject(env, loaderClass,
      (*env)->GetMethodID(env, loaderClass, "<init>", "([Ljava/net/URL;Ljava/lang/ClassLoader;)V"), urls, parent);
  if (java_exception(env, "creating the class loader")) return 0;
  jclass entry = (*env)->CallStaticObjectMethod(env, classClass,
      (*env)->GetStaticMethodID(env, classClass, "forName", "(Ljava/lang/String;ZLjava/lang/ClassLoader;)Ljava/lang/Class;"),
      (*env)->NewStringUTF(env, ENTRY_CLASS), JNI_TRUE, loader);
  if (java_exception(env, "loading " ENTRY_CLASS " from the jars in Contents/Resources")) return 0;
  g_entry = (*env)->NewGlobalRef(env, entry);
  g_dispatch = (*env)->GetStaticMethodID(env, entry, "dispatch", "(Ljava/lang/String;Ljava/lang/String;JJJ)I");
  g_set_host = (*env)->GetStaticMethodID(env, entry, "setHost", "(J)V");
  jmethodID start = (*env)->GetStaticMethodID(env, entry, "start", "(Ljava/lang/String;Ljava/lang/String;J)V");
  if (java_exception(env, "finding the entry methods")) return 0;
  for (int i = 0; i < g_nplugins; i++)
    g_plugin_ids[i] = (*env)->NewGlobalRef(env, (*env)->NewStringUTF(env, g_plugins[i].pluginIdentifier));
  (*env)->CallStaticVoidMethod(env, entry, start, (*env)->NewStringUTF(env, g_shim_path),
                               (*env)->NewStringUTF(env, g_bundle), (jlong)(intptr_t)g_helpers);
  return !java_exception(env, ENTRY_CLASS ".start");
}

/* Runs on a helper thread with a known, large stack: HotSpot is not meant to start on a primordial thread,
 * and the host's calling thread may have a small stack. The thread detaches itself before it ends. */
static void *start_java(void *unused) {
  (void)unused;
  char looked[4 * PATH_MAX];
  JavaVM *vm = NULL;
  JNIEnv *env = NULL;
  jsize count = 0;
  GetCreatedJavaVMs_fn created = (GetCreatedJavaVMs_fn)dlsym(RTLD_DEFAULT, "JNI_GetCreatedJavaVMs");
  if (!created || created(&vm, 1, &count) != JNI_OK || count == 0) {
    void *libjvm = open_libjvm(looked, sizeof looked);
    if (!libjvm) return (void *)(intptr_t)fail_java("no Java runtime found; looked for lib/server/libjvm.so in %s", looked);
    created = (GetCreatedJavaVMs_fn)dlsym(libjvm, "JNI_GetCreatedJavaVMs");
    CreateJavaVM_fn create = (CreateJavaVM_fn)dlsym(libjvm, "JNI_CreateJavaVM");
    if (!created || !create) return (void *)(intptr_t)fail_java("libjvm.so lacks the JNI invocation API: %s", dlerror());
    if (created(&vm, 1, &count) != JNI_OK || count == 0) {
      JavaVMOption options[64];
      char storage[16384];
      JavaVMInitArgs args = {JNI_VERSION_1_8, read_options(options, 64, storage, sizeof storage), options, JNI_FALSE};
      tl_creating_vm = 1;
      jint rc = create(&vm, (void **)&env, &args);
      tl_creating_vm = 0;
      if (rc != JNI_OK) return (void *)(intptr_t)fail_java("JNI_CreateJavaVM failed (%d); check %s/%s", rc, g_resources, JVM_CONFIG_FILE);
    }
  }
  g_vm = vm;
  JavaVMAttachArgs attach = {JNI_VERSION_1_8, "talkfx-jvm-start", NULL};
  if (!env && (*vm)->AttachCurrentThreadAsDaemon(vm, (void **)&env, &attach) != JNI_OK)
    return (void *)(intptr_t)fail_java("cannot attach a thread to the JVM");
  int ok = load_entry_class(env);
  (*vm)->DetachCurrentThread(vm);
  return (void *)(intptr_t)ok;
}

/* HotSpot relies on its SIGSEGV handler (implicit null checks, safepoint polls). A host that installs its own
 * handler after the JVM started replaces it, and Java would then crash the host at the next poll. Ask the kernel
 * directly (libjsig, if preloaded, answers sigaction() with the chained handler instead) and refuse to enter Java. */
static int g_guard_sigsegv; /* set once Java runs, if the handler was HotSpot's then (not so for other VMs) */
static int jvm_owns_sigsegv(void) {
  struct { void *handler; unsigned long flags; void *restorer; unsigned long mask; } kernel_action;
  if (syscall(SYS_rt_sigaction, SIGSEGV, NULL, &kernel_action, sizeof kernel_action.mask) != 0) return 1;
  Dl_info info;
  return dladdr(kernel_action.handler, &info) && info.dli_fname && strstr(info.dli_fname, "libjvm.so");
}

/* Starts (or finds) the JVM once per process; later failures repeat the first diagnosis. */
static int ensure_java(void) {
  if (__atomic_load_n(&g_java_state, __ATOMIC_ACQUIRE) == 1 && g_java_host == g_host) return 1;
  pthread_mutex_lock(&g_java_lock);
  if (g_java_state == 0) {
    pthread_key_create(&g_env_key, detach_at_thread_exit);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 8u << 20);
    pthread_t thread;
    void *ok = NULL;
    if (pthread_create(&thread, &attr, start_java, NULL) == 0) pthread_join(thread, &ok);
    else fail_java("cannot start a thread for the JVM");
    pthread_attr_destroy(&attr);
    g_guard_sigsegv = ok && jvm_owns_sigsegv();
    __atomic_store_n(&g_java_state, ok ? 1 : -1, __ATOMIC_RELEASE);
  }
  int ready = g_java_state == 1;
  if (ready && g_java_host != g_host) { /* first call, or the host handed us a new OfxHost */
    JNIEnv *env = attached_env();
    if (!env) ready = 0;
    else {
      (*env)->CallStaticVoidMethod(env, g_entry, g_set_host, (jlong)(intptr_t)g_host);
      if (java_exception(env, ENTRY_CLASS ".setHost")) ready = 0;
      else g_java_host = g_host;
    }
  }
  pthread_mutex_unlock(&g_java_lock);
  return ready;
}

/* multiThread goes through here so that the host's worker threads are attached by us, once, as daemons, and
 * detached by our pthread key when they exit (hosts may spawn fresh threads per call). */
typedef struct { OfxThreadFunctionV1 *fn; void *arg; } ThreadHop;
static OfxStatus attach_then_run(unsigned index, unsigned count, void *p) {
  ThreadHop *hop = p;
  return attached_env() ? hop->fn(index, count, hop->arg) : kOfxStatFailed;
}
static OfxStatus multi_thread(const OfxMultiThreadSuiteV1 *s, OfxThreadFunctionV1 *fn, unsigned n, void *arg) {
  ThreadHop hop = {fn, arg};
  return s->multiThread(attach_then_run, n, &hop);
}

static OfxStatus call_java(int plugin, const char *action, const void *handle, OfxPropertySetHandle in, OfxPropertySetHandle out) {
  if (g_guard_sigsegv && !jvm_owns_sigsegv()) {
    report(handle, "OfxMessageError", "TalkFX cannot run: the host replaced the JVM's SIGSEGV handler; start the host with "
                                      "LD_PRELOAD=<java runtime>/lib/server/libjsig.so (see docs/ofx.md)");
    return kOfxStatFailed;
  }
  JNIEnv *env = attached_env();
  if (!env) {
    report(handle, "OfxMessageError", "TalkFX cannot attach this host thread to the JVM");
    return kOfxStatFailed;
  }
  /* host threads live long; a local frame per call keeps local references from piling up */
  if ((*env)->PushLocalFrame(env, 16) != 0) {
    (*env)->ExceptionClear(env);
    return kOfxStatErrMemory;
  }
  jint status = (*env)->CallStaticIntMethod(env, g_entry, g_dispatch, g_plugin_ids[plugin], (*env)->NewStringUTF(env, action),
                                            (jlong)(intptr_t)handle, (jlong)(intptr_t)in, (jlong)(intptr_t)out);
  if ((*env)->ExceptionCheck(env)) { /* dispatch catches everything; this is an Error escaping it */
    (*env)->ExceptionDescribe(env);
    (*env)->ExceptionClear(env);
    report(handle, "OfxMessageError", "TalkFX failed unexpectedly in Java; see the host's standard error");
    status = kOfxStatFailed;
  }
  (*env)->PopLocalFrame(env, NULL);
  return status;
}

static OfxStatus main_entry(int plugin, const char *action, const void *handle, OfxPropertySetHandle in,
                            OfxPropertySetHandle out) {
  if (!action) return kOfxStatErrValue;
  int java_ready = __atomic_load_n(&g_java_state, __ATOMIC_ACQUIRE) == 1;
  if (strcmp(action, "OfxActionLoad") == 0) {
    fetch_suites();
    return java_ready ? call_java(plugin, action, handle, in, out) : kOfxStatOK;
  }
  if (strcmp(action, "OfxActionUnload") == 0) /* the JVM stays: it could never be created again */
    return java_ready ? call_java(plugin, action, handle, in, out) : kOfxStatOK;
  if (!g_prop) fetch_suites(); /* a host that skipped Load */
  if (strcmp(action, "OfxActionDescribe") == 0) return describe(plugin, (OfxImageEffectHandle)handle);
  if (strcmp(action, "OfxImageEffectActionDescribeInContext") == 0)
    return describe_in_context(plugin, (OfxImageEffectHandle)handle, in);
  if (!ensure_java()) {
    char text[sizeof g_java_error + 64];
    snprintf(text, sizeof text, "TalkFX cannot run: %s", g_java_error);
    report(handle, "OfxMessageError", text);
    return kOfxStatFailed;
  }
  return call_java(plugin, action, handle, in, out);
}

/* ------------------------------------------------------------------------------------------------ */
/* Exports                                                                                           */

static void init_once(void) { load_descriptions(); }

EXPORT int OfxGetNumberOfPlugins(void) {
  pthread_once(&g_init_once, init_once);
  return g_nplugins;
}

EXPORT OfxPlugin *OfxGetPlugin(int nth) {
  pthread_once(&g_init_once, init_once);
  return nth >= 0 && nth < g_nplugins ? &g_plugins[nth] : NULL;
}

EXPORT OfxStatus OfxSetHost(const OfxHost *host) {
  g_host = (OfxHost *)host;
  return kOfxStatOK;
}
