/* ofx-test-host: a small OpenFX host that drives TalkFX.ofx.bundle like an editor would, for CI.
 *
 *   ofx-test-host full <bundle> <workdir>        every action, params, RGBA8/float/short, top-down and
 *                                                bottom-up images, concurrent renders, abort, push button
 *   ofx-test-host throw <bundle>                 a render that throws in Java: Failed + message, host lives on
 *   ofx-test-host reload <bundle>                Load/Unload/dlclose/Load three times: still one JVM
 *   ofx-test-host missing <bundle> <expected>    no runtime/jars: describe works, the rest fails with a message
 *   ofx-test-host signals <bundle>               the host replaces HotSpot's SIGSEGV handler: refused, explained
 *   ofx-test-host bench <bundle>                 per-frame cost of the Java path over a C copy
 *   ofx-test-host talkfx <bundle> <workdir>      the TalkFX effect: describe, params, Generate through the render
 *                                                service (workdir: clip.mp4, anna.wav, models/tiny), cached
 *                                                frames, heads-only composite with a Mask clip, reopen
 *
 * Prints "CHECK ok|FAILED: ..." lines and exits non-zero if any check failed. OFX_TEST_HOST_V1_ONLY=1 offers
 * only version 1 of every suite (message and progress v2 are then missing).
 * Suites: property, image effect, parameter, memory, multithread, message v1/v2, progress v1/v2, timeline.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ofx_abi.h"

#define PLUGIN_ID "org.talkfx.ofx.sample.GainInvert"
#define TALKFX_ID "org.talkfx.InfiniteTalk"
static const char *g_plugin_id = PLUGIN_ID; /* the effect load_binary picks */

static int g_failures;
#define CHECK(cond, ...)                                          \
  do {                                                            \
    int ok_ = (cond);                                             \
    printf("CHECK %s: ", ok_ ? "ok" : "FAILED");                  \
    printf(__VA_ARGS__);                                          \
    printf("\n");                                                 \
    fflush(stdout);                                               \
    if (!ok_) g_failures++;                                       \
  } while (0)

/* ------------------------------------------------------------------------------------------------ */
/* Property sets                                                                                      */

enum { T_PTR, T_STR, T_DBL, T_INT };
#define MAX_DIM 16
typedef struct {
  char name[96];
  int type, n;
  union { void *p[MAX_DIM]; char *s[MAX_DIM]; double d[MAX_DIM]; int i[MAX_DIM]; } v;
} Prop;
struct OfxPropertySetStruct {
  pthread_mutex_t lock;
  Prop *props;
  int n, cap;
};
typedef struct OfxPropertySetStruct PropSet;

static PropSet *ps_new(void) {
  PropSet *s = calloc(1, sizeof *s);
  pthread_mutex_init(&s->lock, NULL);
  return s;
}
static void ps_free(PropSet *s) {
  for (int i = 0; i < s->n; i++)
    if (s->props[i].type == T_STR)
      for (int k = 0; k < s->props[i].n; k++) free(s->props[i].v.s[k]);
  free(s->props);
  pthread_mutex_destroy(&s->lock);
  free(s);
}
static Prop *ps_find(PropSet *s, const char *name) {
  for (int i = 0; i < s->n; i++)
    if (strcmp(s->props[i].name, name) == 0) return &s->props[i];
  return NULL;
}
/* Setting a property the set does not have creates it: a host knows its sets; this one learns them. */
static Prop *ps_slot(PropSet *s, const char *name, int type, int index) {
  if (index < 0 || index >= MAX_DIM) return NULL;
  Prop *p = ps_find(s, name);
  if (!p) {
    if (s->n == s->cap) s->props = realloc(s->props, (size_t)(s->cap = s->cap ? 2 * s->cap : 16) * sizeof(Prop));
    p = &s->props[s->n++];
    memset(p, 0, sizeof *p);
    snprintf(p->name, sizeof p->name, "%s", name);
    p->type = type;
  }
  if (p->type != type) return NULL;
  if (index >= p->n) p->n = index + 1;
  return p;
}
#define SETTER(fn, T, ty, field, store)                                             \
  static OfxStatus fn(OfxPropertySetHandle s, const char *name, int index, T value) { \
    pthread_mutex_lock(&s->lock);                                                    \
    Prop *p = ps_slot(s, name, ty, index);                                          \
    if (p) { store; }                                                                 \
    pthread_mutex_unlock(&s->lock);                                                  \
    return p ? kOfxStatOK : kOfxStatErrValue;                                        \
  }
SETTER(propSetPointer, void *, T_PTR, p, p->v.p[index] = value)
SETTER(propSetString, const char *, T_STR, s, free(p->v.s[index]); p->v.s[index] = strdup(value))
SETTER(propSetDouble, double, T_DBL, d, p->v.d[index] = value)
SETTER(propSetInt, int, T_INT, i, p->v.i[index] = value)
#define GETTER(fn, T, ty, field)                                                     \
  static OfxStatus fn(OfxPropertySetHandle s, const char *name, int index, T *value) { \
    pthread_mutex_lock(&s->lock);                                                     \
    Prop *p = ps_find(s, name);                                                        \
    OfxStatus st = !p ? kOfxStatErrUnknown : p->type != ty ? kOfxStatErrValue        \
                 : index < 0 || index >= p->n ? kOfxStatErrBadIndex : kOfxStatOK;      \
    if (st == kOfxStatOK) *value = p->v.field[index];                                  \
    pthread_mutex_unlock(&s->lock);                                                   \
    return st;                                                                         \
  }
GETTER(propGetPointer, void *, T_PTR, p)
GETTER(propGetString, char *, T_STR, s)
GETTER(propGetDouble, double, T_DBL, d)
GETTER(propGetInt, int, T_INT, i)
#define SETTER_N(fn, T, single)                                                            \
  static OfxStatus fn(OfxPropertySetHandle s, const char *name, int count, T v) {          \
    for (int i = 0; i < count; i++) {                                                     \
      OfxStatus st = single(s, name, i, v[i]);                                             \
      if (st) return st;                                                                   \
    }                                                                                      \
    return kOfxStatOK;                                                                     \
  }
SETTER_N(propSetPointerN, void *const *, propSetPointer)
SETTER_N(propSetStringN, const char *const *, propSetString)
SETTER_N(propSetDoubleN, const double *, propSetDouble)
SETTER_N(propSetIntN, const int *, propSetInt)
#define GETTER_N(fn, T, single)                                                       \
  static OfxStatus fn(OfxPropertySetHandle s, const char *name, int count, T *v) {   \
    for (int i = 0; i < count; i++) {                                                \
      OfxStatus st = single(s, name, i, &v[i]);                                       \
      if (st) return st;                                                              \
    }                                                                                 \
    return kOfxStatOK;                                                                \
  }
GETTER_N(propGetPointerN, void *, propGetPointer)
GETTER_N(propGetStringN, char *, propGetString)
GETTER_N(propGetDoubleN, double, propGetDouble)
GETTER_N(propGetIntN, int, propGetInt)
static OfxStatus propReset(OfxPropertySetHandle s, const char *name) {
  return ps_find(s, name) ? kOfxStatOK : kOfxStatErrUnknown;
}
static OfxStatus propGetDimension(OfxPropertySetHandle s, const char *name, int *count) {
  pthread_mutex_lock(&s->lock);
  Prop *p = ps_find(s, name);
  if (p) *count = p->n;
  pthread_mutex_unlock(&s->lock);
  return p ? kOfxStatOK : kOfxStatErrUnknown;
}
static const OfxPropertySuiteV1 g_prop = {
    propSetPointer, propSetString, propSetDouble, propSetInt, propSetPointerN, propSetStringN,
    propSetDoubleN, propSetIntN, propGetPointer, propGetString, propGetDouble, propGetInt,
    propGetPointerN, propGetStringN, propGetDoubleN, propGetIntN, propReset, propGetDimension};

static const char *str_prop(PropSet *s, const char *name, int index) {
  char *v = NULL;
  return propGetString(s, name, index, &v) == kOfxStatOK ? v : "";
}

/* ------------------------------------------------------------------------------------------------ */
/* Effects, clips, params, images                                                                    */

typedef struct { char name[64]; PropSet *props; } Clip;
typedef struct { char name[64], type[64]; PropSet *props; double d[4]; int i[4]; char *s; } Param;
struct OfxParamSetStruct { PropSet *props; Param *params[64]; int n; };
typedef struct {
  uint8_t *base;       /* lowest address */
  int w, h, rowBytes;  /* rowBytes < 0: bottom-up */
  int comps;           /* 4 RGBA, 3 RGB */
} Buffer;
/* What the render call on this thread works on: images come from here, abort counts here. */
typedef struct {
  Buffer src, dst;
  const char *depth, *components;
  int abort_after; /* abort() answers 1 from this call on; -1 never */
  atomic_int abort_calls;
} Job;
struct OfxImageEffectStruct {
  PropSet *props;
  Clip clips[8];
  int nclips;
  struct OfxParamSetStruct params;
  int w, h; /* project size, for clip RoDs */
};
typedef struct OfxImageEffectStruct Effect;

static __thread Job *tl_job;
static Buffer *g_mask; /* the Mask clip's image (general context), when set */
static __thread int tl_thread_index = 0, tl_spawned = 0;
static atomic_int g_images_out; /* images handed out and not released */

static Clip *find_clip(Effect *e, const char *name) {
  for (int i = 0; i < e->nclips; i++)
    if (strcmp(e->clips[i].name, name) == 0) return &e->clips[i];
  return NULL;
}
static Param *find_param(struct OfxParamSetStruct *ps, const char *name) {
  for (int i = 0; i < ps->n; i++)
    if (strcmp(ps->params[i]->name, name) == 0) return ps->params[i];
  return NULL;
}

static OfxStatus getPropertySet(OfxImageEffectHandle e, OfxPropertySetHandle *out) { *out = e->props; return kOfxStatOK; }
static OfxStatus getParamSet(OfxImageEffectHandle e, OfxParamSetHandle *out) { *out = &e->params; return kOfxStatOK; }
static OfxStatus clipDefine(OfxImageEffectHandle e, const char *name, OfxPropertySetHandle *out) {
  Clip *c = &e->clips[e->nclips++];
  snprintf(c->name, sizeof c->name, "%s", name);
  c->props = ps_new();
  propSetString(c->props, "OfxPropName", 0, name);
  *out = c->props;
  return kOfxStatOK;
}
static OfxStatus clipGetHandle(OfxImageEffectHandle e, const char *name, OfxImageClipHandle *clip, OfxPropertySetHandle *props) {
  Clip *c = find_clip(e, name);
  if (!c) return kOfxStatErrUnknown;
  *clip = (OfxImageClipHandle)c;
  if (props) *props = c->props;
  return kOfxStatOK;
}
static OfxStatus clipGetPropertySet(OfxImageClipHandle clip, OfxPropertySetHandle *out) {
  *out = ((Clip *)clip)->props;
  return kOfxStatOK;
}
static OfxStatus clipGetImage(OfxImageClipHandle clip, OfxTime t, const OfxRectD *region, OfxPropertySetHandle *out) {
  (void)t; (void)region;
  Job *job = tl_job;
  Clip *c = (Clip *)clip;
  if (!job) return kOfxStatFailed;
  if (strcmp(c->name, "Mask") == 0 && !g_mask) return kOfxStatFailed;
  Buffer *b = strcmp(c->name, "Output") == 0 ? &job->dst : strcmp(c->name, "Mask") == 0 ? g_mask : &job->src;
  PropSet *img = ps_new();
  uint8_t *row0 = b->rowBytes >= 0 ? b->base : b->base + (size_t)(b->h - 1) * (size_t)(-b->rowBytes);
  propSetPointer(img, "OfxImagePropData", 0, row0);
  int bounds[4] = {0, 0, b->w, b->h};
  propSetIntN(img, "OfxImagePropBounds", 4, bounds);
  propSetIntN(img, "OfxImagePropRegionOfDefinition", 4, bounds);
  propSetInt(img, "OfxImagePropRowBytes", 0, b->rowBytes);
  propSetString(img, "OfxImageEffectPropPixelDepth", 0, job->depth);
  propSetString(img, "OfxImageEffectPropComponents", 0, job->components);
  double scale[2] = {1, 1};
  propSetDoubleN(img, "OfxImageEffectPropRenderScale", 2, scale);
  propSetDouble(img, "OfxImagePropPixelAspectRatio", 0, 1.0);
  atomic_fetch_add(&g_images_out, 1);
  *out = img;
  return kOfxStatOK;
}
static OfxStatus clipReleaseImage(OfxPropertySetHandle img) {
  ps_free(img);
  atomic_fetch_sub(&g_images_out, 1);
  return kOfxStatOK;
}
static Effect *g_current_instance; /* for clip RoD: clips do not point back at their effect here */
static OfxStatus clipGetRegionOfDefinition(OfxImageClipHandle clip, OfxTime t, OfxRectD *rod) {
  (void)clip; (void)t;
  *rod = (OfxRectD){0, 0, g_current_instance->w, g_current_instance->h};
  return kOfxStatOK;
}
static int abort_fn(OfxImageEffectHandle e) {
  (void)e;
  Job *job = tl_job;
  if (!job) return 0;
  int call = atomic_fetch_add(&job->abort_calls, 1);
  return job->abort_after >= 0 && call >= job->abort_after;
}
static OfxStatus imageMemoryAlloc(OfxImageEffectHandle e, size_t n, OfxImageMemoryHandle *out) {
  (void)e;
  *out = malloc(n);
  return *out ? kOfxStatOK : kOfxStatErrMemory;
}
static OfxStatus imageMemoryFree(OfxImageMemoryHandle m) { free(m); return kOfxStatOK; }
static OfxStatus imageMemoryLock(OfxImageMemoryHandle m, void **out) { *out = m; return kOfxStatOK; }
static OfxStatus imageMemoryUnlock(OfxImageMemoryHandle m) { (void)m; return kOfxStatOK; }
static const OfxImageEffectSuiteV1 g_effect_suite = {
    getPropertySet, getParamSet, clipDefine, clipGetHandle, clipGetPropertySet, clipGetImage, clipReleaseImage,
    clipGetRegionOfDefinition, abort_fn, imageMemoryAlloc, imageMemoryFree, imageMemoryLock, imageMemoryUnlock};

/* Parameters: value layout by type */
static int n_doubles(const char *type) {
  if (!strcmp(type, "OfxParamTypeDouble")) return 1;
  if (!strcmp(type, "OfxParamTypeDouble2D")) return 2;
  if (!strcmp(type, "OfxParamTypeDouble3D") || !strcmp(type, "OfxParamTypeRGB")) return 3;
  if (!strcmp(type, "OfxParamTypeRGBA")) return 4;
  return 0;
}
static int n_ints(const char *type) {
  if (!strcmp(type, "OfxParamTypeInteger") || !strcmp(type, "OfxParamTypeBoolean") || !strcmp(type, "OfxParamTypeChoice")) return 1;
  if (!strcmp(type, "OfxParamTypeInteger2D")) return 2;
  if (!strcmp(type, "OfxParamTypeInteger3D")) return 3;
  return 0;
}
static int is_string(const char *type) { return !strcmp(type, "OfxParamTypeString"); }

static OfxStatus paramDefine(OfxParamSetHandle ps, const char *type, const char *name, OfxPropertySetHandle *out) {
  if (find_param(ps, name)) return kOfxStatErrExists;
  if (ps->n == (int)(sizeof ps->params / sizeof *ps->params)) return kOfxStatErrMemory;
  Param *p = calloc(1, sizeof *p);
  snprintf(p->name, sizeof p->name, "%s", name);
  snprintf(p->type, sizeof p->type, "%s", type);
  p->props = ps_new();
  propSetString(p->props, "OfxParamPropType", 0, type);
  propSetString(p->props, "OfxPropName", 0, name);
  ps->params[ps->n++] = p;
  if (out) *out = p->props;
  return kOfxStatOK;
}
static OfxStatus paramGetHandle(OfxParamSetHandle ps, const char *name, OfxParamHandle *param, OfxPropertySetHandle *props) {
  Param *p = find_param(ps, name);
  if (!p) return kOfxStatErrUnknown;
  *param = (OfxParamHandle)p;
  if (props) *props = p->props;
  return kOfxStatOK;
}
static OfxStatus paramSetGetPropertySet(OfxParamSetHandle ps, OfxPropertySetHandle *out) { *out = ps->props; return kOfxStatOK; }
static OfxStatus paramGetPropertySet(OfxParamHandle h, OfxPropertySetHandle *out) { *out = ((Param *)h)->props; return kOfxStatOK; }
static OfxStatus get_value(Param *p, va_list ap) {
  int nd = n_doubles(p->type), ni = n_ints(p->type);
  for (int k = 0; k < nd; k++) *va_arg(ap, double *) = p->d[k];
  for (int k = 0; k < ni; k++) *va_arg(ap, int *) = p->i[k];
  if (is_string(p->type)) *va_arg(ap, char **) = p->s ? p->s : "";
  return nd || ni || is_string(p->type) ? kOfxStatOK : kOfxStatErrUnsupported;
}
static OfxStatus set_value(Param *p, va_list ap) {
  int nd = n_doubles(p->type), ni = n_ints(p->type);
  for (int k = 0; k < nd; k++) p->d[k] = va_arg(ap, double);
  for (int k = 0; k < ni; k++) p->i[k] = va_arg(ap, int);
  if (is_string(p->type)) { free(p->s); p->s = strdup(va_arg(ap, const char *)); }
  return nd || ni || is_string(p->type) ? kOfxStatOK : kOfxStatErrUnsupported;
}
static OfxStatus paramGetValue(OfxParamHandle h, ...) {
  va_list ap; va_start(ap, h);
  OfxStatus st = get_value((Param *)h, ap);
  va_end(ap);
  return st;
}
static OfxStatus paramGetValueAtTime(OfxParamHandle h, OfxTime t, ...) {
  va_list ap; va_start(ap, t);
  OfxStatus st = get_value((Param *)h, ap); /* no animation in this host */
  va_end(ap);
  return st;
}
static OfxStatus paramGetDerivative(OfxParamHandle h, OfxTime t, ...) { (void)h; (void)t; return kOfxStatErrUnsupported; }
static OfxStatus paramGetIntegral(OfxParamHandle h, OfxTime a, OfxTime b, ...) { (void)h; (void)a; (void)b; return kOfxStatErrUnsupported; }
static OfxStatus paramSetValue(OfxParamHandle h, ...) {
  va_list ap; va_start(ap, h);
  OfxStatus st = set_value((Param *)h, ap);
  va_end(ap);
  return st;
}
static OfxStatus paramSetValueAtTime(OfxParamHandle h, OfxTime t, ...) {
  va_list ap; va_start(ap, t);
  OfxStatus st = set_value((Param *)h, ap);
  va_end(ap);
  return st;
}
static OfxStatus paramGetNumKeys(OfxParamHandle h, unsigned *n) { (void)h; *n = 0; return kOfxStatOK; }
static OfxStatus paramGetKeyTime(OfxParamHandle h, unsigned i, OfxTime *t) { (void)h; (void)i; (void)t; return kOfxStatErrBadIndex; }
static OfxStatus paramGetKeyIndex(OfxParamHandle h, OfxTime t, int d, int *i) { (void)h; (void)t; (void)d; (void)i; return kOfxStatFailed; }
static OfxStatus paramDeleteKey(OfxParamHandle h, OfxTime t) { (void)h; (void)t; return kOfxStatErrBadIndex; }
static OfxStatus paramDeleteAllKeys(OfxParamHandle h) { (void)h; return kOfxStatOK; }
static OfxStatus paramCopy(OfxParamHandle a, OfxParamHandle b, OfxTime t, const void *r) { (void)a; (void)b; (void)t; (void)r; return kOfxStatErrUnsupported; }
static atomic_int g_edits_begun, g_edits_ended;
static OfxStatus paramEditBegin(OfxParamSetHandle ps, const char *n) { (void)ps; (void)n; atomic_fetch_add(&g_edits_begun, 1); return kOfxStatOK; }
static OfxStatus paramEditEnd(OfxParamSetHandle ps) { (void)ps; atomic_fetch_add(&g_edits_ended, 1); return kOfxStatOK; }
static const OfxParameterSuiteV1 g_param_suite = {
    paramDefine, paramGetHandle, paramSetGetPropertySet, paramGetPropertySet, paramGetValue, paramGetValueAtTime,
    paramGetDerivative, paramGetIntegral, paramSetValue, paramSetValueAtTime, paramGetNumKeys, paramGetKeyTime,
    paramGetKeyIndex, paramDeleteKey, paramDeleteAllKeys, paramCopy, paramEditBegin, paramEditEnd};

/* ------------------------------------------------------------------------------------------------ */
/* Memory, multithread, message, progress, timeline                                                   */

static atomic_int g_mem_blocks;
static OfxStatus memoryAlloc(void *h, size_t n, void **out) {
  (void)h;
  *out = malloc(n);
  if (*out) atomic_fetch_add(&g_mem_blocks, 1);
  return *out ? kOfxStatOK : kOfxStatErrMemory;
}
static OfxStatus memoryFree(void *p) { free(p); atomic_fetch_sub(&g_mem_blocks, 1); return kOfxStatOK; }
static const OfxMemorySuiteV1 g_memory_suite = {memoryAlloc, memoryFree};

typedef struct { OfxThreadFunctionV1 *fn; unsigned index, count; void *arg; Job *job; OfxStatus status; } Worker;
static atomic_int g_spawned_threads;
static void *worker_main(void *p) {
  Worker *w = p;
  tl_job = w->job; /* the spawned threads belong to the render call that spawned them */
  tl_thread_index = (int)w->index;
  tl_spawned = 1;
  w->status = w->fn(w->index, w->count, w->arg);
  return NULL;
}
/* Fresh threads per call, as some hosts do: they exit while (possibly) attached to the JVM. */
static OfxStatus multiThread(OfxThreadFunctionV1 *fn, unsigned n, void *arg) {
  if (n == 0) return kOfxStatErrValue;
  Worker w[64];
  pthread_t t[64];
  if (n > 64) n = 64;
  for (unsigned i = 0; i < n; i++) {
    w[i] = (Worker){fn, i, n, arg, tl_job, kOfxStatOK};
    pthread_create(&t[i], NULL, worker_main, &w[i]);
  }
  atomic_fetch_add(&g_spawned_threads, (int)n);
  OfxStatus st = kOfxStatOK;
  for (unsigned i = 0; i < n; i++) {
    pthread_join(t[i], NULL);
    if (w[i].status != kOfxStatOK) st = kOfxStatFailed;
  }
  return st;
}
static OfxStatus multiThreadNumCPUs(unsigned *n) { *n = (unsigned)sysconf(_SC_NPROCESSORS_ONLN); return kOfxStatOK; }
static OfxStatus multiThreadIndex(unsigned *i) { *i = (unsigned)tl_thread_index; return kOfxStatOK; }
static int multiThreadIsSpawnedThread(void) { return tl_spawned; }
static OfxStatus mutexCreate(OfxMutexHandle *m, int lockCount) {
  pthread_mutex_t *mx = malloc(sizeof *mx);
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(mx, &a);
  for (int i = 0; i < lockCount; i++) pthread_mutex_lock(mx);
  *m = (OfxMutexHandle)mx;
  return kOfxStatOK;
}
static OfxStatus mutexDestroy(const OfxMutexHandle m) { pthread_mutex_destroy((pthread_mutex_t *)m); free(m); return kOfxStatOK; }
static OfxStatus mutexLock(const OfxMutexHandle m) { return pthread_mutex_lock((pthread_mutex_t *)m) ? kOfxStatFailed : kOfxStatOK; }
static OfxStatus mutexUnLock(const OfxMutexHandle m) { return pthread_mutex_unlock((pthread_mutex_t *)m) ? kOfxStatFailed : kOfxStatOK; }
static OfxStatus mutexTryLock(const OfxMutexHandle m) { return pthread_mutex_trylock((pthread_mutex_t *)m) ? kOfxStatFailed : kOfxStatOK; }
static const OfxMultiThreadSuiteV1 g_mt_suite = {multiThread, multiThreadNumCPUs, multiThreadIndex, multiThreadIsSpawnedThread,
                                                 mutexCreate, mutexDestroy, mutexLock, mutexUnLock, mutexTryLock};

#define MAX_MESSAGES 256
static struct { char type[32]; char text[1024]; int persistent; } g_messages[MAX_MESSAGES];
static int g_nmessages;
static pthread_mutex_t g_msg_lock = PTHREAD_MUTEX_INITIALIZER;
static void record_message(const char *type, int persistent, const char *fmt, va_list ap) {
  pthread_mutex_lock(&g_msg_lock);
  int i = g_nmessages < MAX_MESSAGES ? g_nmessages++ : MAX_MESSAGES - 1;
  snprintf(g_messages[i].type, sizeof g_messages[i].type, "%s", type ? type : "(null)");
  vsnprintf(g_messages[i].text, sizeof g_messages[i].text, fmt, ap);
  g_messages[i].persistent = persistent;
  printf("HOST MESSAGE %s%s: %s\n", g_messages[i].type, persistent ? " (persistent)" : "", g_messages[i].text);
  fflush(stdout);
  pthread_mutex_unlock(&g_msg_lock);
}
static OfxStatus message(void *h, const char *type, const char *id, const char *fmt, ...) {
  (void)h; (void)id;
  va_list ap; va_start(ap, fmt);
  record_message(type, 0, fmt, ap);
  va_end(ap);
  return kOfxStatOK;
}
static OfxStatus setPersistentMessage(void *h, const char *type, const char *id, const char *fmt, ...) {
  (void)h; (void)id;
  va_list ap; va_start(ap, fmt);
  record_message(type, 1, fmt, ap);
  va_end(ap);
  return kOfxStatOK;
}
static OfxStatus clearPersistentMessage(void *h) { (void)h; return kOfxStatOK; }
static const OfxMessageSuiteV2 g_msg_suite = {message, setPersistentMessage, clearPersistentMessage};

/* Index of the first message at or after `from` whose type and text match, or -1. */
static int find_message(int from, const char *type, const char *needle) {
  pthread_mutex_lock(&g_msg_lock);
  int found = -1;
  for (int i = from; i < g_nmessages && found < 0; i++)
    if ((!type || !strcmp(g_messages[i].type, type)) && strstr(g_messages[i].text, needle)) found = i;
  pthread_mutex_unlock(&g_msg_lock);
  return found;
}
static int message_count(void) {
  pthread_mutex_lock(&g_msg_lock);
  int n = g_nmessages;
  pthread_mutex_unlock(&g_msg_lock);
  return n;
}

static atomic_int g_progress_started, g_progress_updates, g_progress_ended;
static OfxStatus progressStartV1(void *e, const char *label) { (void)e; (void)label; atomic_fetch_add(&g_progress_started, 1); return kOfxStatOK; }
static OfxStatus progressStartV2(void *e, const char *msg, const char *id) { (void)id; return progressStartV1(e, msg); }
/* Fault hooks of the talkfx-faults scenario, fired at the Nth progress update (0: never): the user presses the
 * progress bar's cancel, or the render service process dies (SIGKILL, pid from its service.json). */
static int g_cancel_at_update, g_kill_service_at_update;
static void kill_service(void) {
  char path[4096], text[4096] = "";
  const char *state = getenv("TALKFX_STATE_DIR");
  snprintf(path, sizeof path, "%s/service.json", state ? state : ".");
  FILE *f = fopen(path, "r");
  size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
  text[n] = '\0';
  if (f) fclose(f);
  const char *at = strstr(text, "\"pid\"");
  long pid = at ? strtol(strchr(at, ':') + 1, NULL, 10) : 0;
  printf("KILL service pid %ld: %s\n", pid, pid > 1 && kill((pid_t)pid, SIGKILL) == 0 ? "sent SIGKILL" : "FAILED");
}
static OfxStatus progressUpdate(void *e, double p) {
  (void)e;
  (void)p;
  int n = atomic_fetch_add(&g_progress_updates, 1) + 1;
  if (g_kill_service_at_update && n == g_kill_service_at_update) kill_service();
  return g_cancel_at_update && n >= g_cancel_at_update ? kOfxStatReplyNo : kOfxStatOK;
}
static OfxStatus progressEnd(void *e) { (void)e; atomic_fetch_add(&g_progress_ended, 1); return kOfxStatOK; }
static const struct { OfxStatus (*start)(void *, const char *); OfxStatus (*update)(void *, double); OfxStatus (*end)(void *); }
    g_progress_v1 = {progressStartV1, progressUpdate, progressEnd};
static const OfxProgressSuiteV2 g_progress_v2 = {progressStartV2, progressUpdate, progressEnd};

static OfxStatus getTime(void *e, double *t) { (void)e; *t = 42; return kOfxStatOK; }
static OfxStatus gotoTime(void *e, double t) { (void)e; (void)t; return kOfxStatOK; }
static OfxStatus getTimeBounds(void *e, double *a, double *b) { (void)e; *a = 0; *b = 99; return kOfxStatOK; }
static const OfxTimeLineSuiteV1 g_timeline = {getTime, gotoTime, getTimeBounds};

/* ------------------------------------------------------------------------------------------------ */
/* The host                                                                                          */

/* OFX_TEST_HOST_V1_ONLY=1: an older host, without message v2 and progress v2 */
static const void *fetchSuite(OfxPropertySetHandle host, const char *name, int version) {
  (void)host;
  const char *v1_only = getenv("OFX_TEST_HOST_V1_ONLY");
  if (version > 1 && v1_only && !strcmp(v1_only, "1")) return NULL;
  if (!strcmp(name, "OfxPropertySuite") && version == 1) return &g_prop;
  if (!strcmp(name, "OfxImageEffectSuite") && version == 1) return &g_effect_suite;
  if (!strcmp(name, "OfxParameterSuite") && version == 1) return &g_param_suite;
  if (!strcmp(name, "OfxMemorySuite") && version == 1) return &g_memory_suite;
  if (!strcmp(name, "OfxMultiThreadSuite") && version == 1) return &g_mt_suite;
  if (!strcmp(name, "OfxMessageSuite") && (version == 1 || version == 2)) return &g_msg_suite;
  if (!strcmp(name, "OfxProgressSuite") && version == 1) return &g_progress_v1;
  if (!strcmp(name, "OfxProgressSuite") && version == 2) return &g_progress_v2;
  if (!strcmp(name, "OfxTimeLineSuite") && version == 1) return &g_timeline;
  return NULL;
}

static OfxHost g_host;

static void init_host(void) {
  PropSet *p = ps_new();
  propSetString(p, "OfxPropName", 0, "org.talkfx.testhost");
  propSetString(p, "OfxPropLabel", 0, "TalkFX test host");
  int api[2] = {1, 5};
  propSetIntN(p, "OfxPropAPIVersion", 2, api);
  const char *contexts[] = {"OfxImageEffectContextFilter", "OfxImageEffectContextGeneral"};
  propSetStringN(p, "OfxImageEffectPropSupportedContexts", 2, contexts);
  propSetInt(p, "OfxImageEffectHostPropIsBackground", 0, 1);
  g_host.host = p;
  g_host.fetchSuite = fetchSuite;
}

typedef struct { void *lib; OfxPlugin *plugin; } Binary;

static int load_binary(const char *bundle, Binary *out) {
  char path[4096];
  snprintf(path, sizeof path, "%s/Contents/Linux-x86-64/TalkFX.ofx", bundle);
  out->lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  CHECK(out->lib != NULL, "dlopen %s (%s)", path, out->lib ? "" : dlerror());
  if (!out->lib) return 0;
  OfxStatus (*setHost)(const OfxHost *) = (OfxStatus(*)(const OfxHost *))dlsym(out->lib, "OfxSetHost");
  int (*count)(void) = (int (*)(void))dlsym(out->lib, "OfxGetNumberOfPlugins");
  OfxPlugin *(*get)(int) = (OfxPlugin * (*)(int)) dlsym(out->lib, "OfxGetPlugin");
  CHECK(count && get, "OfxGetNumberOfPlugins and OfxGetPlugin are exported");
  CHECK(dlsym(out->lib, "main_entry") == NULL && dlsym(out->lib, "report") == NULL, "internal symbols are hidden");
  if (!count || !get) return 0;
  if (setHost) CHECK(setHost(&g_host) == kOfxStatOK, "OfxSetHost");
  int n = count();
  out->plugin = NULL;
  for (int i = 0; i < n; i++)
    if (get(i) && !strcmp(get(i)->pluginIdentifier, g_plugin_id)) out->plugin = get(i);
  CHECK(out->plugin != NULL, "%d plugin(s), one is %s", n, g_plugin_id);
  if (!out->plugin) return 0;
  CHECK(!strcmp(out->plugin->pluginApi, "OfxImageEffectPluginAPI") && out->plugin->apiVersion == 1, "plugin API and version");
  out->plugin->setHost(&g_host);
  return 1;
}

static OfxStatus act(Binary *b, const char *action, const void *handle, PropSet *in, PropSet *out) {
  return b->plugin->mainEntry(action, handle, in, out);
}

static Effect *new_effect(void) {
  Effect *e = calloc(1, sizeof *e);
  e->props = ps_new();
  e->params.props = ps_new();
  return e;
}

/* Describe, DescribeInContext(filter and general); returns the filter descriptor. */
static Effect *describe_all(Binary *b, int verbose) {
  Effect *d = new_effect();
  CHECK(act(b, "OfxActionDescribe", d, NULL, NULL) == kOfxStatOK, "Describe");
  int nctx = 0;
  propGetDimension(d->props, "OfxImageEffectPropSupportedContexts", &nctx);
  if (verbose) {
    CHECK(!strcmp(str_prop(d->props, "OfxPropLabel", 0), "TalkFX Gain/Invert (sample)"), "label: %s", str_prop(d->props, "OfxPropLabel", 0));
    CHECK(nctx == 2 && !strcmp(str_prop(d->props, "OfxImageEffectPropSupportedContexts", 0), "OfxImageEffectContextFilter") &&
              !strcmp(str_prop(d->props, "OfxImageEffectPropSupportedContexts", 1), "OfxImageEffectContextGeneral"),
          "contexts filter and general");
    CHECK(!strcmp(str_prop(d->props, "OfxImageEffectPluginRenderThreadSafety", 0), "OfxImageEffectRenderFullySafe"), "thread safety");
  }
  const char *contexts[] = {"OfxImageEffectContextGeneral", "OfxImageEffectContextFilter"};
  Effect *filter = NULL;
  for (int c = 0; c < 2; c++) {
    Effect *ctx = new_effect();
    PropSet *in = ps_new();
    propSetString(in, "OfxImageEffectPropContext", 0, contexts[c]);
    CHECK(act(b, "OfxImageEffectActionDescribeInContext", ctx, in, NULL) == kOfxStatOK, "DescribeInContext %s", contexts[c]);
    ps_free(in);
    if (verbose) {
      Param *gain = find_param(&ctx->params, "gain"), *mode = find_param(&ctx->params, "mode");
      Param *file = find_param(&ctx->params, "reportFile"), *button = find_param(&ctx->params, "writeReport");
      CHECK(find_clip(ctx, "Source") && find_clip(ctx, "Output"), "clips Source and Output in %s", contexts[c]);
      double def = 0;
      int nopt = 0;
      CHECK(gain && !strcmp(gain->type, "OfxParamTypeDouble") && propGetDouble(gain->props, "OfxParamPropDefault", 0, &def) == 0 && def == 1.0,
            "double param gain, default 1");
      CHECK(mode && !strcmp(mode->type, "OfxParamTypeChoice") && propGetDimension(mode->props, "OfxParamPropChoiceOption", &nopt) == 0 &&
                nopt == 2 && !strcmp(str_prop(mode->props, "OfxParamPropChoiceOption", 1), "Invert"),
            "choice param mode: Normal, Invert");
      CHECK(file && !strcmp(str_prop(file->props, "OfxParamPropStringMode", 0), "OfxParamStringIsFilePath"), "file path param reportFile");
      CHECK(button && !strcmp(button->type, "OfxParamTypePushButton"), "push button writeReport");
    }
    if (c == 1) filter = ctx;
  }
  return filter;
}

/* An instance as a host makes it: the context's clips and params, values from the defaults. */
/* values: an instance whose parameter values a reopened project restores (NULL: the defaults) */
static Effect *create_instance_in(Binary *b, Effect *desc, int w, int h, const char *context, Effect *values, OfxStatus *status) {
  Effect *e = new_effect();
  e->w = w;
  e->h = h;
  propSetString(e->props, "OfxImageEffectPropContext", 0, context);
  for (int i = 0; i < desc->nclips; i++) {
    OfxPropertySetHandle ignored;
    clipDefine(e, desc->clips[i].name, &ignored);
    propSetInt(e->clips[i].props, "OfxImageClipPropConnected", 0, 1);
  }
  for (int i = 0; i < desc->params.n; i++) {
    Param *src = desc->params.params[i], *p;
    OfxPropertySetHandle ignored;
    paramDefine(&e->params, src->type, src->name, &ignored);
    p = find_param(&e->params, src->name);
    for (int k = 0; k < n_doubles(p->type); k++) propGetDouble(src->props, "OfxParamPropDefault", k, &p->d[k]);
    for (int k = 0; k < n_ints(p->type); k++) propGetInt(src->props, "OfxParamPropDefault", k, &p->i[k]);
    if (is_string(p->type)) p->s = strdup(str_prop(src->props, "OfxParamPropDefault", 0));
    Param *saved = values ? find_param(&values->params, src->name) : NULL;
    if (saved) {
      memcpy(p->d, saved->d, sizeof p->d);
      memcpy(p->i, saved->i, sizeof p->i);
      if (saved->s) { free(p->s); p->s = strdup(saved->s); }
    }
  }
  g_current_instance = e;
  *status = act(b, "OfxActionCreateInstance", e, NULL, NULL);
  return e;
}
static Effect *create_instance(Binary *b, Effect *desc, int w, int h, OfxStatus *status) {
  return create_instance_in(b, desc, w, h, "OfxImageEffectContextFilter", NULL, status);
}

/* ------------------------------------------------------------------------------------------------ */
/* Pixels                                                                                            */

typedef enum { BYTE, SHORT, HALF, FLOAT } Depth;
static const char *depth_name(Depth d) {
  return d == BYTE ? "OfxBitDepthByte" : d == SHORT ? "OfxBitDepthShort" : d == HALF ? "OfxBitDepthHalf" : "OfxBitDepthFloat";
}
static int depth_bytes(Depth d) { return d == BYTE ? 1 : d == SHORT || d == HALF ? 2 : 4; }

static Buffer new_buffer_c(int w, int h, Depth d, int bottom_up, int comps) {
  int rb = w * comps * depth_bytes(d) + 16; /* padded rows: rowBytes is not always width * pixel size */
  Buffer b = {aligned_alloc(64, ((size_t)rb * (size_t)h + 63) / 64 * 64), w, h, bottom_up ? -rb : rb, comps};
  return b;
}
static Buffer new_buffer(int w, int h, Depth d, int bottom_up) { return new_buffer_c(w, h, d, bottom_up, 4); }
/* Address of pixel (x, y), y up from the bottom row, as OFX counts. */
static uint8_t *pixel(Buffer *b, int x, int y, Depth d) {
  int rb = abs(b->rowBytes);
  int mem_row = b->rowBytes >= 0 ? y : b->h - 1 - y;
  return b->base + (size_t)mem_row * (size_t)rb + (size_t)x * (size_t)b->comps * (size_t)depth_bytes(d);
}
static double pattern(int x, int y, int c, int t) { return ((x * 7 + y * 13 + c * 50 + t * 3) % 256) / 255.0; }
static void fill_source(Buffer *b, Depth d, int t) {
  for (int y = 0; y < b->h; y++)
    for (int x = 0; x < b->w; x++) {
      uint8_t *p = pixel(b, x, y, d);
      for (int c = 0; c < b->comps; c++) {
        double v = pattern(x, y, c, t);
        if (d == BYTE) p[c] = (uint8_t)lround(v * 255);
        else if (d == SHORT) ((uint16_t *)p)[c] = (uint16_t)lround(v * 65535);
        else if (d == HALF) ((_Float16 *)p)[c] = (_Float16)v;
        else ((float *)p)[c] = (float)v;
      }
    }
}
static double expected(double v, int c, double gain, int invert) {
  if (c == 3) return v;
  double g = fmin(1.0, fmax(0.0, v * gain));
  return invert ? 1.0 - g : g;
}
/* Largest difference from the expected output, in units of 1/255, 1/65535, 1e-3 (half) or 1e-5 (float). */
static double max_error(Buffer *src, Buffer *dst, Depth d, double gain, int invert) {
  double worst = 0;
  for (int y = 0; y < src->h; y++)
    for (int x = 0; x < src->w; x++) {
      uint8_t *s = pixel(src, x, y, d), *o = pixel(dst, x, y, d);
      for (int c = 0; c < src->comps; c++) {
        double err;
        if (d == BYTE) err = fabs(o[c] - expected(s[c] / 255.0, c, gain, invert) * 255);
        else if (d == SHORT) err = fabs(((uint16_t *)o)[c] - expected(((uint16_t *)s)[c] / 65535.0, c, gain, invert) * 65535);
        else if (d == HALF) err = fabs((double)((_Float16 *)o)[c] - expected((double)((_Float16 *)s)[c], c, gain, invert)) * 1e3;
        else err = fabs(((float *)o)[c] - expected(((float *)s)[c], c, gain, invert)) * 1e5;
        if (err > worst) worst = err;
      }
    }
  return worst;
}

static PropSet *render_args(double t, int w, int h) {
  PropSet *in = ps_new();
  propSetDouble(in, "OfxPropTime", 0, t);
  int window[4] = {0, 0, w, h};
  propSetIntN(in, "OfxImageEffectPropRenderWindow", 4, window);
  double scale[2] = {1, 1};
  propSetDoubleN(in, "OfxImageEffectPropRenderScale", 2, scale);
  propSetString(in, "OfxImageEffectPropFieldToRender", 0, "OfxImageFieldNone");
  propSetInt(in, "OfxImageEffectPropSequentialRenderStatus", 0, 0);
  propSetInt(in, "OfxImageEffectPropInteractiveRenderStatus", 0, 0);
  return in;
}
static PropSet *sequence_args(double first, double last) {
  PropSet *in = ps_new();
  double range[2] = {first, last};
  propSetDoubleN(in, "OfxImageEffectPropFrameRange", 2, range);
  propSetDouble(in, "OfxImageEffectPropFrameStep", 0, 1);
  propSetInt(in, "OfxPropIsInteractive", 0, 0);
  double scale[2] = {1, 1};
  propSetDoubleN(in, "OfxImageEffectPropRenderScale", 2, scale);
  return in;
}

static OfxStatus render_job(Binary *b, Effect *e, Job *job, double t) {
  PropSet *in = render_args(t, job->dst.w, job->dst.h);
  tl_job = job;
  OfxStatus st = act(b, "OfxImageEffectActionRender", e, in, NULL);
  tl_job = NULL;
  ps_free(in);
  return st;
}

static void set_gain_mode(Effect *e, double gain, int invert) {
  find_param(&e->params, "gain")->d[0] = gain;
  find_param(&e->params, "mode")->i[0] = invert;
}

/* Begin/Render/End on several frames of one format; checks every output pixel. */
static void render_frames_c(Binary *b, Effect *e, int w, int h, Depth d, int comps, int bottom_up, double gain, int invert) {
  Job job = {new_buffer_c(w, h, d, bottom_up, comps), new_buffer_c(w, h, d, bottom_up, comps), depth_name(d),
             comps == 4 ? "OfxImageComponentRGBA" : "OfxImageComponentRGB", -1, 0};
  PropSet *seq = sequence_args(0, 2);
  CHECK(act(b, "OfxImageEffectActionBeginSequenceRender", e, seq, NULL) == kOfxStatOK, "BeginSequenceRender");
  for (int t = 0; t < 3; t++) {
    fill_source(&job.src, d, t);
    memset(job.dst.base, 0xAB, (size_t)abs(job.dst.rowBytes) * (size_t)h);
    OfxStatus st = render_job(b, e, &job, t);
    double err = max_error(&job.src, &job.dst, d, gain, invert);
    CHECK(st == kOfxStatOK && err <= 1.0, "Render %s %s %dx%d %s frame %d gain %.2f %s: status %d, max error %.3f step(s)",
          comps == 4 ? "RGBA" : "RGB", depth_name(d), w, h, bottom_up ? "bottom-up" : "top-down", t, gain,
          invert ? "invert" : "normal", st, err);
  }
  CHECK(act(b, "OfxImageEffectActionEndSequenceRender", e, seq, NULL) == kOfxStatOK, "EndSequenceRender");
  ps_free(seq);
  free(job.src.base);
  free(job.dst.base);
}
static void render_frames(Binary *b, Effect *e, int w, int h, Depth d, int bottom_up, double gain, int invert) {
  render_frames_c(b, e, w, h, d, 4, bottom_up, gain, invert);
}

typedef struct { Binary *b; Effect *e; int frame; int ok; } Concurrent;
static void *concurrent_render(void *p) {
  Concurrent *c = p;
  c->ok = 1;
  for (int rep = 0; rep < 3; rep++) {
    Job job = {new_buffer(320, 180, BYTE, 1), new_buffer(320, 180, BYTE, 1), "OfxBitDepthByte", "OfxImageComponentRGBA", -1, 0};
    fill_source(&job.src, BYTE, c->frame);
    c->ok &= render_job(c->b, c->e, &job, c->frame) == kOfxStatOK && max_error(&job.src, &job.dst, BYTE, 0.5, 1) <= 1.0;
    free(job.src.base);
    free(job.dst.base);
  }
  return NULL;
}

/* ------------------------------------------------------------------------------------------------ */
/* Scenarios                                                                                         */

typedef int (*GetCreatedJavaVMs_fn)(void **, int, int *);
static int jvm_count(void) {
  /* the shim opened libjvm.so RTLD_GLOBAL, so the invocation API is visible process-wide */
  GetCreatedJavaVMs_fn created = (GetCreatedJavaVMs_fn)dlsym(RTLD_DEFAULT, "JNI_GetCreatedJavaVMs");
  void *vms[4];
  int n = -1;
  if (created) created(vms, 4, &n);
  return n;
}

static int scenario_full(const char *bundle, const char *workdir) {
  Binary b;
  if (!load_binary(bundle, &b)) return 1;
  CHECK(act(&b, "OfxActionLoad", NULL, NULL, NULL) == kOfxStatOK, "Load");
  CHECK(jvm_count() <= 0, "no JVM after Load and Describe (lazy start)");
  Effect *desc = describe_all(&b, 1);
  CHECK(jvm_count() <= 0, "still no JVM after describing");
  OfxStatus st;
  Effect *e = create_instance(&b, desc, 64, 48, &st);
  CHECK(st == kOfxStatOK, "CreateInstance (starts the JVM): status %d", st);
  CHECK(jvm_count() == 1, "one JVM now: %d", jvm_count());

  set_gain_mode(e, 0.5, 1);
  PropSet *out = ps_new();
  st = act(&b, "OfxImageEffectActionGetClipPreferences", e, NULL, out);
  CHECK(st == kOfxStatOK || st == kOfxStatReplyDefault, "GetClipPreferences: %d", st);
  ps_free(out);
  PropSet *in = render_args(0, 64, 48);
  out = ps_new();
  double rod[4] = {-1, -1, -1, -1};
  st = act(&b, "OfxImageEffectActionGetRegionOfDefinition", e, in, out);
  propGetDoubleN(out, "OfxImageEffectPropRegionOfDefinition", 4, rod);
  CHECK(st == kOfxStatOK && rod[0] == 0 && rod[1] == 0 && rod[2] == 64 && rod[3] == 48, "GetRegionOfDefinition: %d (%g %g %g %g)",
        st, rod[0], rod[1], rod[2], rod[3]);
  ps_free(out);
  double roi_in[4] = {8, 8, 32, 24}, roi[4] = {0};
  propSetDoubleN(in, "OfxImageEffectPropRegionOfInterest", 4, roi_in);
  out = ps_new();
  st = act(&b, "OfxImageEffectActionGetRegionsOfInterest", e, in, out);
  propGetDoubleN(out, "OfxImageClipPropRoI_Source", 4, roi);
  CHECK(st == kOfxStatOK && !memcmp(roi, roi_in, sizeof roi), "GetRegionsOfInterest: %d, Source RoI %g %g %g %g", st, roi[0], roi[1], roi[2], roi[3]);
  ps_free(out);
  ps_free(in);
  CHECK(act(&b, "OfxImageEffectActionGetFramesNeeded", e, NULL, NULL) == kOfxStatReplyDefault, "unhandled action -> ReplyDefault");

  for (int bottom_up = 0; bottom_up < 2; bottom_up++) {
    render_frames(&b, e, 64, 48, BYTE, bottom_up, 0.5, 1);
    render_frames(&b, e, 64, 48, FLOAT, bottom_up, 0.5, 1);
  }
  render_frames(&b, e, 300, 200, BYTE, 1, 0.5, 1); /* tall enough for host threads */
  render_frames(&b, e, 300, 200, SHORT, 0, 0.5, 1);
  render_frames(&b, e, 300, 200, FLOAT, 1, 0.5, 1);
  render_frames(&b, e, 64, 48, HALF, 1, 0.5, 1);
  render_frames_c(&b, e, 64, 48, BYTE, 3, 1, 0.5, 1);
  render_frames_c(&b, e, 64, 48, FLOAT, 3, 0, 0.5, 1);
  set_gain_mode(e, 1.0, 0);
  render_frames(&b, e, 300, 200, BYTE, 1, 1.0, 0); /* the copy path */
  set_gain_mode(e, 2.0, 0);
  render_frames(&b, e, 64, 48, FLOAT, 0, 2.0, 0);
  CHECK(atomic_load(&g_spawned_threads) > 0, "rendering used the host's multithread suite (%d threads)", atomic_load(&g_spawned_threads));

  set_gain_mode(e, 0.5, 1);
  Concurrent c[4];
  pthread_t threads[4];
  for (int i = 0; i < 4; i++) {
    c[i] = (Concurrent){&b, e, i, 0};
    pthread_create(&threads[i], NULL, concurrent_render, &c[i]);
  }
  int all = 1;
  for (int i = 0; i < 4; i++) {
    pthread_join(threads[i], NULL);
    all &= c[i].ok;
  }
  CHECK(all, "4 host threads rendering the same instance at once, 3 frames each");

  /* abort: abort() answers yes from its second call, so at most one row band gets done */
  Job job = {new_buffer(512, 512, BYTE, 1), new_buffer(512, 512, BYTE, 1), "OfxBitDepthByte", "OfxImageComponentRGBA", 1, 0};
  fill_source(&job.src, BYTE, 0);
  memset(job.dst.base, 0xAB, (size_t)abs(job.dst.rowBytes) * 512u);
  int before = message_count();
  st = render_job(&b, e, &job, 0);
  int untouched = 0;
  for (int y = 0; y < 512; y++) {
    int same = 1;
    for (int x = 0; x < 512 * 4 && same; x++) same = pixel(&job.dst, 0, y, BYTE)[x] == 0xAB;
    untouched += same;
  }
  CHECK(st == kOfxStatOK && atomic_load(&job.abort_calls) >= 1 && untouched >= 512 - 32 && message_count() == before,
        "abort raised mid-render: status %d, %d abort() calls, %d of 512 rows untouched, no message", st,
        atomic_load(&job.abort_calls), untouched);
  free(job.src.base);
  free(job.dst.base);
  CHECK(atomic_load(&g_images_out) == 0, "every image released (%d outstanding)", atomic_load(&g_images_out));

  /* push button: InstanceChanged writes a report through the file-path param */
  char report[4096];
  snprintf(report, sizeof report, "%s/report.txt", workdir);
  unlink(report);
  free(find_param(&e->params, "reportFile")->s);
  find_param(&e->params, "reportFile")->s = strdup(report);
  in = ps_new();
  propSetString(in, "OfxPropChangeReason", 0, "OfxChangeUserEdited");
  CHECK(act(&b, "OfxActionBeginInstanceChanged", e, in, NULL) == kOfxStatOK, "BeginInstanceChanged");
  propSetString(in, "OfxPropType", 0, "OfxTypeParameter");
  propSetString(in, "OfxPropName", 0, "writeReport");
  propSetDouble(in, "OfxPropTime", 0, 3);
  double scale[2] = {1, 1};
  propSetDoubleN(in, "OfxImageEffectPropRenderScale", 2, scale);
  st = act(&b, "OfxActionInstanceChanged", e, in, NULL);
  CHECK(act(&b, "OfxActionEndInstanceChanged", e, in, NULL) == kOfxStatOK, "EndInstanceChanged");
  char text[1024] = "";
  FILE *f = fopen(report, "r");
  size_t got = f ? fread(text, 1, sizeof text - 1, f) : 0;
  text[got] = '\0';
  if (f) fclose(f);
  CHECK(st == kOfxStatOK && strstr(text, "gain=0.5\n") && strstr(text, "mode=Invert\n") && strstr(text, "host=org.talkfx.testhost\n") &&
            strstr(text, "timelineTime=42.0\n"),
        "InstanceChanged(writeReport) wrote %s: status %d", report, st);
  CHECK(atomic_load(&g_progress_started) == 1 && atomic_load(&g_progress_ended) == 1 && atomic_load(&g_progress_updates) >= 1,
        "progress suite: start, updates, end");
  CHECK(find_message(0, "OfxMessageMessage", "Report written to") >= 0, "message suite: report message");
  /* the same button without a file: a user error, told through the message suite */
  free(find_param(&e->params, "reportFile")->s);
  find_param(&e->params, "reportFile")->s = strdup("");
  before = message_count();
  st = act(&b, "OfxActionInstanceChanged", e, in, NULL);
  CHECK(st == kOfxStatFailed && find_message(before, "OfxMessageError", "set 'Report file'") >= 0,
        "InstanceChanged without a report file: status %d and an error message", st);
  /* the reset button sets a double, a choice and a string through paramSetValue, as one edit */
  free(find_param(&e->params, "reportFile")->s);
  find_param(&e->params, "reportFile")->s = strdup(report);
  propSetString(in, "OfxPropName", 0, "reset");
  st = act(&b, "OfxActionInstanceChanged", e, in, NULL);
  Param *gain = find_param(&e->params, "gain"), *mode = find_param(&e->params, "mode");
  CHECK(st == kOfxStatOK && gain->d[0] == 1.0 && mode->i[0] == 0 && !strcmp(find_param(&e->params, "reportFile")->s, "") &&
            atomic_load(&g_edits_begun) == 1 && atomic_load(&g_edits_ended) == 1,
        "InstanceChanged(reset) set gain %g, mode %d, reportFile '%s' inside one param edit", gain->d[0], mode->i[0],
        find_param(&e->params, "reportFile")->s);
  ps_free(in);

  CHECK(act(&b, "OfxActionDestroyInstance", e, NULL, NULL) == kOfxStatOK, "DestroyInstance");
  CHECK(act(&b, "OfxActionUnload", NULL, NULL, NULL) == kOfxStatOK, "Unload");
  dlclose(b.lib);
  CHECK(jvm_count() == 1, "the JVM outlives Unload and dlclose");

  /* Load again in the same process, as editors do after a rescan */
  if (!load_binary(bundle, &b)) return 1;
  CHECK(act(&b, "OfxActionLoad", NULL, NULL, NULL) == kOfxStatOK, "Load again");
  desc = describe_all(&b, 0);
  e = create_instance(&b, desc, 64, 48, &st);
  CHECK(st == kOfxStatOK, "CreateInstance after reloading");
  render_frames(&b, e, 64, 48, BYTE, 1, 1.0, 0);
  CHECK(act(&b, "OfxActionDestroyInstance", e, NULL, NULL) == kOfxStatOK, "DestroyInstance after reloading");
  CHECK(jvm_count() == 1, "still one JVM after reloading");
  return 0;
}

static int scenario_throw(const char *bundle) {
  Binary b;
  if (!load_binary(bundle, &b)) return 1;
  act(&b, "OfxActionLoad", NULL, NULL, NULL);
  Effect *desc = describe_all(&b, 0);
  OfxStatus st;
  Effect *e = create_instance(&b, desc, 32, 32, &st);
  CHECK(st == kOfxStatOK, "CreateInstance");
  set_gain_mode(e, -1.0, 0); /* the sample effect throws IllegalArgumentException on a negative gain */
  Job job = {new_buffer(32, 32, BYTE, 0), new_buffer(32, 32, BYTE, 0), "OfxBitDepthByte", "OfxImageComponentRGBA", -1, 0};
  fill_source(&job.src, BYTE, 0);
  int before = message_count();
  st = render_job(&b, e, &job, 0);
  CHECK(st == kOfxStatFailed, "Render that throws in Java -> kOfxStatFailed (got %d)", st);
  CHECK(find_message(before, "OfxMessageError", "gain must be a finite number >= 0, got -1.0") >= 0, "the exception reached the message suite");
  CHECK(atomic_load(&g_images_out) == 0, "images released despite the exception");
  set_gain_mode(e, 0.5, 0);
  st = render_job(&b, e, &job, 0);
  CHECK(st == kOfxStatOK && max_error(&job.src, &job.dst, BYTE, 0.5, 0) <= 1.0, "the next render works again");
  CHECK(act(&b, "OfxActionDestroyInstance", e, NULL, NULL) == kOfxStatOK, "DestroyInstance");
  free(job.src.base);
  free(job.dst.base);
  return 0;
}

/* One action of the sample effect fails (the caller sets TALKFX_SAMPLE_FAULT=<action>[:oom]; argv[3] repeats it):
 * the host calls every action once, in an editor's order, and must see that one fail with a status and an error
 * message while everything else keeps working, the process included. */
static OfxStatus fault_step(Binary *b, Effect *e, const char *action, PropSet *in, PropSet *out, const char *faulty,
                            const char *java_name, int oom, int *seen) {
  int before = message_count();
  OfxStatus st = act(b, action, e, in, out);
  printf("ACTION %s -> %d\n", action, st);
  if (!strcmp(faulty, java_name)) {
    *seen = 1;
    OfxStatus want = oom ? kOfxStatErrMemory : kOfxStatFailed;
    CHECK(st == want, "%s with an injected %s -> status %d (expected %d)", action, oom ? "OutOfMemoryError" : "exception", st, want);
    CHECK(find_message(before, "OfxMessageError", oom ? "out of Java heap memory" : "injected fault in") >= 0,
          "%s: the failure reached the message suite", action);
  } else {
    CHECK(st == kOfxStatOK || st == kOfxStatReplyDefault, "%s unaffected: status %d", action, st);
  }
  return st;
}

static int scenario_faults(const char *bundle, const char *spec) {
  char faulty[64];
  snprintf(faulty, sizeof faulty, "%s", spec);
  char *colon = strchr(faulty, ':');
  int oom = colon && !strcmp(colon + 1, "oom");
  if (colon) *colon = '\0';
  Binary b;
  if (!load_binary(bundle, &b)) return 1;
  act(&b, "OfxActionLoad", NULL, NULL, NULL);
  Effect *desc = describe_all(&b, 0);
  OfxStatus st;
  int seen = 0, before = message_count();
  Effect *e = create_instance(&b, desc, 32, 32, &st);
  printf("ACTION OfxActionCreateInstance -> %d\n", st);
  if (!strcmp(faulty, "createInstance")) {
    CHECK(st == (oom ? kOfxStatErrMemory : kOfxStatFailed), "CreateInstance with an injected fault -> status %d", st);
    CHECK(find_message(before, "OfxMessageError", oom ? "out of Java heap memory" : "injected fault in") >= 0,
          "CreateInstance: the failure reached the message suite");
    /* the host may try again with other settings: a second instance fails the same way, without a crash */
    e = create_instance(&b, desc, 32, 32, &st);
    CHECK(st != kOfxStatOK, "a second CreateInstance fails cleanly too: status %d", st);
    CHECK(act(&b, "OfxActionUnload", NULL, NULL, NULL) == kOfxStatOK, "Unload after the failed CreateInstance");
    printf("HOST ALIVE after a fault in %s\n", spec);
    return 0;
  }
  CHECK(st == kOfxStatOK, "CreateInstance");
  set_gain_mode(e, 0.5, 0);
  PropSet *out = ps_new();
  fault_step(&b, e, "OfxImageEffectActionGetClipPreferences", NULL, out, faulty, "clipPreferences", oom, &seen);
  ps_free(out);
  PropSet *in = render_args(0, 32, 32);
  out = ps_new();
  fault_step(&b, e, "OfxImageEffectActionGetRegionOfDefinition", in, out, faulty, "regionOfDefinition", oom, &seen);
  ps_free(out);
  double roi_in[4] = {0, 0, 32, 32};
  propSetDoubleN(in, "OfxImageEffectPropRegionOfInterest", 4, roi_in);
  out = ps_new();
  fault_step(&b, e, "OfxImageEffectActionGetRegionsOfInterest", in, out, faulty, "regionsOfInterest", oom, &seen);
  ps_free(out);
  out = ps_new();
  fault_step(&b, e, "OfxImageEffectActionIsIdentity", in, out, faulty, "isIdentity", oom, &seen);
  ps_free(out);
  ps_free(in);

  Job job = {new_buffer(32, 32, BYTE, 0), new_buffer(32, 32, BYTE, 0), "OfxBitDepthByte", "OfxImageComponentRGBA", -1, 0};
  PropSet *seq = sequence_args(0, 1);
  fault_step(&b, e, "OfxImageEffectActionBeginSequenceRender", seq, NULL, faulty, "beginSequenceRender", oom, &seen);
  for (int t = 0; t < 2; t++) {
    fill_source(&job.src, BYTE, t);
    int before_render = message_count();
    st = render_job(&b, e, &job, t);
    printf("ACTION OfxImageEffectActionRender -> %d\n", st);
    if (!strcmp(faulty, "render")) {
      seen = 1;
      CHECK(st == (oom ? kOfxStatErrMemory : kOfxStatFailed), "Render frame %d with an injected fault -> status %d", t, st);
      CHECK(find_message(before_render, "OfxMessageError", oom ? "out of Java heap memory" : "injected fault in") >= 0,
            "Render frame %d: the failure reached the message suite", t);
    } else {
      CHECK(st == kOfxStatOK && max_error(&job.src, &job.dst, BYTE, 0.5, 0) <= 1.0, "Render frame %d unaffected: status %d", t, st);
    }
  }
  CHECK(atomic_load(&g_images_out) == 0, "every image released (%d outstanding)", atomic_load(&g_images_out));
  fault_step(&b, e, "OfxImageEffectActionEndSequenceRender", seq, NULL, faulty, "endSequenceRender", oom, &seen);
  ps_free(seq);
  free(job.src.base);
  free(job.dst.base);

  in = ps_new();
  propSetString(in, "OfxPropChangeReason", 0, "OfxChangeUserEdited");
  fault_step(&b, e, "OfxActionBeginInstanceChanged", in, NULL, faulty, "beginInstanceChanged", oom, &seen);
  propSetString(in, "OfxPropType", 0, "OfxTypeParameter");
  propSetString(in, "OfxPropName", 0, "gain");
  propSetDouble(in, "OfxPropTime", 0, 0);
  double scale[2] = {1, 1};
  propSetDoubleN(in, "OfxImageEffectPropRenderScale", 2, scale);
  fault_step(&b, e, "OfxActionInstanceChanged", in, NULL, faulty, "instanceChanged", oom, &seen);
  fault_step(&b, e, "OfxActionEndInstanceChanged", in, NULL, faulty, "endInstanceChanged", oom, &seen);
  ps_free(in);
  fault_step(&b, e, "OfxActionPurgeCaches", NULL, NULL, faulty, "purgeCaches", oom, &seen);
  fault_step(&b, e, "OfxActionDestroyInstance", NULL, NULL, faulty, "destroy", oom, &seen);
  CHECK(seen, "the faulty action %s was called", faulty);

  /* the plugin still serves a fresh instance after the fault (unless render itself is the fault) */
  e = create_instance(&b, desc, 32, 32, &st);
  CHECK(st == kOfxStatOK, "a new instance after the fault: status %d", st);
  CHECK(act(&b, "OfxActionDestroyInstance", e, NULL, NULL) != kOfxStatErrFatal, "and it can be destroyed");
  CHECK(act(&b, "OfxActionUnload", NULL, NULL, NULL) == kOfxStatOK, "Unload");
  printf("HOST ALIVE after a fault in %s\n", spec);
  return 0;
}

/* A host that installs a SIGSEGV handler after the JVM started: the plugin must refuse to run Java (which would
 * crash) and say how to fix it, and work again once the handler is HotSpot's again. */
static void host_segv_handler(int sig) { (void)sig; _exit(99); }
static int scenario_signals(const char *bundle) {
  Binary b;
  if (!load_binary(bundle, &b)) return 1;
  act(&b, "OfxActionLoad", NULL, NULL, NULL);
  Effect *desc = describe_all(&b, 0);
  OfxStatus st;
  Effect *e = create_instance(&b, desc, 32, 32, &st);
  CHECK(st == kOfxStatOK, "CreateInstance");
  Job job = {new_buffer(32, 32, BYTE, 0), new_buffer(32, 32, BYTE, 0), "OfxBitDepthByte", "OfxImageComponentRGBA", -1, 0};
  fill_source(&job.src, BYTE, 0);
  CHECK(render_job(&b, e, &job, 0) == kOfxStatOK, "Render with HotSpot's SIGSEGV handler in place");
  struct sigaction mine = {0}, jvm;
  mine.sa_handler = host_segv_handler;
  sigaction(SIGSEGV, &mine, &jvm);
  int before = message_count();
  st = render_job(&b, e, &job, 0);
  const char *preload = getenv("LD_PRELOAD");
  if (preload && strstr(preload, "libjsig.so")) /* signal chaining: HotSpot's handler stays, the host's is chained */
    CHECK(st == kOfxStatOK && message_count() == before, "with libjsig.so preloaded, Render still works: status %d", st);
  else
    CHECK(st == kOfxStatFailed && find_message(before, "OfxMessageError", "LD_PRELOAD=") >= 0,
          "Render after the host replaced the SIGSEGV handler: status %d, an error naming LD_PRELOAD of libjsig.so", st);
  sigaction(SIGSEGV, &jvm, NULL);
  CHECK(render_job(&b, e, &job, 0) == kOfxStatOK, "Render works again with HotSpot's handler restored");
  free(job.src.base);
  free(job.dst.base);
  return 0;
}

static int scenario_reload(const char *bundle) {
  for (int round = 1; round <= 3; round++) {
    Binary b;
    if (!load_binary(bundle, &b)) return 1;
    CHECK(act(&b, "OfxActionLoad", NULL, NULL, NULL) == kOfxStatOK, "round %d: Load", round);
    Effect *desc = describe_all(&b, 0);
    OfxStatus st;
    Effect *e = create_instance(&b, desc, 40, 30, &st);
    CHECK(st == kOfxStatOK, "round %d: CreateInstance", round);
    set_gain_mode(e, 0.25 * round, round % 2);
    render_frames(&b, e, 40, 30, BYTE, round % 2, 0.25 * round, round % 2);
    CHECK(act(&b, "OfxActionDestroyInstance", e, NULL, NULL) == kOfxStatOK, "round %d: DestroyInstance", round);
    CHECK(act(&b, "OfxActionUnload", NULL, NULL, NULL) == kOfxStatOK, "round %d: Unload", round);
    dlclose(b.lib);
    CHECK(jvm_count() == 1, "round %d: one JVM in the process (%d)", round, jvm_count());
  }
  return 0;
}

static int scenario_missing(const char *bundle, const char *expected_text) {
  Binary b;
  if (!load_binary(bundle, &b)) return 1;
  CHECK(act(&b, "OfxActionLoad", NULL, NULL, NULL) == kOfxStatOK, "Load without a runtime");
  Effect *desc = describe_all(&b, 1);
  OfxStatus st;
  int before = message_count();
  Effect *e = create_instance(&b, desc, 16, 16, &st);
  CHECK(st == kOfxStatFailed, "CreateInstance fails with kOfxStatFailed (got %d)", st);
  CHECK(find_message(before, "OfxMessageError", expected_text) >= 0, "an error message names what is missing: '%s'", expected_text);
  Job job = {new_buffer(16, 16, BYTE, 0), new_buffer(16, 16, BYTE, 0), "OfxBitDepthByte", "OfxImageComponentRGBA", -1, 0};
  CHECK(render_job(&b, e, &job, 0) == kOfxStatFailed, "Render fails too, without a crash");
  CHECK(act(&b, "OfxActionUnload", NULL, NULL, NULL) == kOfxStatOK, "Unload");
  free(job.src.base);
  free(job.dst.base);
  return 0;
}


/* ------------------------------------------------------------------------------------------------ */
/* The TalkFX effect                                                                                 */

static Effect *describe_context(Binary *b, const char *context) {
  Effect *ctx = new_effect();
  PropSet *in = ps_new();
  propSetString(in, "OfxImageEffectPropContext", 0, context);
  CHECK(act(b, "OfxImageEffectActionDescribeInContext", ctx, in, NULL) == kOfxStatOK, "DescribeInContext %s", context);
  ps_free(in);
  return ctx;
}
static void set_string(Effect *e, const char *name, const char *v) {
  Param *p = find_param(&e->params, name);
  if (!p) { CHECK(0, "parameter %s exists", name); return; }
  free(p->s);
  p->s = strdup(v);
}
static void set_int(Effect *e, const char *name, int v) {
  Param *p = find_param(&e->params, name);
  if (!p) { CHECK(0, "parameter %s exists", name); return; }
  p->i[0] = v;
}
static void set_double(Effect *e, const char *name, double v) {
  Param *p = find_param(&e->params, name);
  if (!p) { CHECK(0, "parameter %s exists", name); return; }
  p->d[0] = v;
}
static const char *get_string(Effect *e, const char *name) {
  Param *p = find_param(&e->params, name);
  return p && p->s ? p->s : "";
}
/* What a host does when the user edits a parameter or presses a button. */
static OfxStatus changed(Binary *b, Effect *e, const char *name) {
  PropSet *in = ps_new();
  propSetString(in, "OfxPropChangeReason", 0, "OfxChangeUserEdited");
  act(b, "OfxActionBeginInstanceChanged", e, in, NULL);
  propSetString(in, "OfxPropType", 0, "OfxTypeParameter");
  propSetString(in, "OfxPropName", 0, name);
  propSetDouble(in, "OfxPropTime", 0, 0);
  double scale[2] = {1, 1};
  propSetDoubleN(in, "OfxImageEffectPropRenderScale", 2, scale);
  OfxStatus st = act(b, "OfxActionInstanceChanged", e, in, NULL);
  act(b, "OfxActionEndInstanceChanged", e, in, NULL);
  ps_free(in);
  return st;
}
static int same_pixels(Buffer *a, Buffer *b) {
  for (int y = 0; y < a->h; y++)
    if (memcmp(pixel(a, 0, y, BYTE), pixel(b, 0, y, BYTE), (size_t)a->w * 4)) return 0;
  return 1;
}

static int scenario_talkfx(const char *bundle, const char *work) {
  g_plugin_id = TALKFX_ID;
  Binary b;
  if (!load_binary(bundle, &b)) return 1;
  CHECK(act(&b, "OfxActionLoad", NULL, NULL, NULL) == kOfxStatOK, "Load");
  Effect *d = new_effect();
  CHECK(act(&b, "OfxActionDescribe", d, NULL, NULL) == kOfxStatOK, "Describe");
  CHECK(!strcmp(str_prop(d->props, "OfxImageEffectPluginPropGrouping", 0), "TalkFX"), "grouping TalkFX");
  CHECK(!strcmp(str_prop(d->props, "OfxImageEffectPluginRenderThreadSafety", 0), "OfxImageEffectRenderUnsafe"),
        "render thread safety Unsafe (MLT keeps one instance)");
  char icon[4096];
  snprintf(icon, sizeof icon, "%s/Contents/Resources/%s.png", bundle, TALKFX_ID);
  CHECK(access(icon, R_OK) == 0, "icon %s", icon);
  Effect *general = describe_context(&b, "OfxImageEffectContextGeneral");
  Effect *filter = describe_context(&b, "OfxImageEffectContextFilter");
  int optional = 0;
  Clip *mask = find_clip(general, "Mask");
  CHECK(mask && propGetInt(mask->props, "OfxImageClipPropOptional", 0, &optional) == 0 && optional == 1 && !find_clip(filter, "Mask"),
        "general context has an optional Mask clip, filter has none");
  const char *names[] = {"mode", "speaker1Audio", "speaker4Enabled", "sourceMedia", "fpsFallback", "region", "maskFeather",
                         "maskExpand", "preset", "steps", "seed", "textGuidance", "audioGuidance", "prompt", "modelDirectory",
                         "generate", "cancel", "openPanel", "status", "shotSetup"};
  int all = 1;
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    Param *p = find_param(&general->params, names[i]);
    all &= p && *str_prop(p->props, "OfxPropLabel", 0) && *str_prop(p->props, "OfxParamPropHint", 0);
    if (!p) printf("missing parameter %s\n", names[i]);
  }
  CHECK(all, "every parameter has a label and a hint");

  char clip[4096], audio[4096], models[4096], setup[4096];
  snprintf(clip, sizeof clip, "%s/clip.mp4", work);
  snprintf(audio, sizeof audio, "%s/anna.wav", work);
  snprintf(models, sizeof models, "%s/models/tiny", work);
  snprintf(setup, sizeof setup, "%s/shot.talkfx.json", work);
  OfxStatus st;
  Effect *e = create_instance_in(&b, general, 64, 64, "OfxImageEffectContextGeneral", NULL, &st);
  CHECK(st == kOfxStatOK, "CreateInstance (general context)");
  set_string(e, "sourceMedia", clip);
  set_string(e, "speaker1Audio", audio);
  set_string(e, "modelDirectory", models);
  set_string(e, "setupFile", setup);
  set_int(e, "steps", 1);
  set_double(e, "textGuidance", 1.0);
  set_double(e, "audioGuidance", 1.0);
  CHECK(changed(&b, e, "speaker1Audio") == kOfxStatOK, "InstanceChanged after setting the params");
  CHECK(strstr(get_string(e, "shotSetup"), "anna.wav") && access(setup, R_OK) == 0,
        "the shot setup is stored in the project (shotSetup param) and next to it (%s)", setup);

  /* before Generate: the source passes through, the status says why */
  Job job = {new_buffer(64, 64, BYTE, 1), new_buffer(64, 64, BYTE, 1), "OfxBitDepthByte", "OfxImageComponentRGBA", -1, 0};
  fill_source(&job.src, BYTE, 0);
  st = render_job(&b, e, &job, 3);
  CHECK(st == kOfxStatOK && same_pixels(&job.src, &job.dst) && strstr(get_string(e, "status"), "not generated yet"),
        "Render before Generate: source unchanged, status '%s'", get_string(e, "status"));

  int before = message_count();
  st = changed(&b, e, "generate");
  CHECK(st == kOfxStatOK && find_message(before, "OfxMessageMessage", "generated 2 window(s)") >= 0,
        "Generate: the render service generated the shot (status %d, '%s')", st, get_string(e, "status"));
  CHECK(atomic_load(&g_progress_started) == 1 && atomic_load(&g_progress_ended) == 1 && atomic_load(&g_progress_updates) >= 2,
        "progress suite during Generate: %d updates", atomic_load(&g_progress_updates));

  st = render_job(&b, e, &job, 3);
  Buffer first = new_buffer(64, 64, BYTE, 1);
  memcpy(first.base, job.dst.base, (size_t)abs(job.dst.rowBytes) * 64u);
  CHECK(st == kOfxStatOK && !same_pixels(&job.src, &job.dst) && strstr(get_string(e, "status"), "generated (window 1)"),
        "Render after Generate: the generated frame from the cache ('%s')", get_string(e, "status"));
  memset(job.dst.base, 0, (size_t)abs(job.dst.rowBytes) * 64u);
  st = render_job(&b, e, &job, 3);
  CHECK(st == kOfxStatOK && same_pixels(&first, &job.dst), "the same frame again: identical pixels from the cache");
  st = render_job(&b, e, &job, 18);
  CHECK(st == kOfxStatOK && strstr(get_string(e, "status"), "generated (window 2)"), "frame 18 comes from window 2");

  /* region "Mask clip" (same generated frames: only heads-only generation enters the cache key): the Mask clip's
   * square, feathered; everything farther than the feather's reach stays the source */
  set_int(e, "region", 2);
  set_double(e, "maskFeather", 4);
  set_double(e, "maskExpand", 0);
  changed(&b, e, "region");
  Buffer mask_image = new_buffer(64, 64, BYTE, 1);
  g_mask = &mask_image;
  for (int y = 0; y < 64; y++)
    for (int x = 0; x < 64; x++) {
      uint8_t *p = pixel(&mask_image, x, y, BYTE);
      p[0] = p[1] = p[2] = p[3] = x >= 20 && x < 44 && y >= 20 && y < 44 ? 255 : 0;
    }
  st = render_job(&b, e, &job, 3);
  int outside_same = 1, inside_changed = 0;
  for (int y = 0; y < 64; y++)
    for (int x = 0; x < 64; x++) {
      int far = x < 20 - 5 || x >= 44 + 5 || y < 20 - 5 || y >= 44 + 5;
      int deep = x >= 26 && x < 38 && y >= 26 && y < 38;
      uint8_t *s = pixel(&job.src, x, y, BYTE), *o = pixel(&job.dst, x, y, BYTE), *g = pixel(&first, x, y, BYTE);
      if (far) outside_same &= !memcmp(s, o, 4);
      if (deep) inside_changed += !memcmp(o, g, 3);
    }
  CHECK(st == kOfxStatOK && outside_same && inside_changed == 12 * 12,
        "mask clip: every pixel outside the feathered mask equals the source, inside is generated (%d/144, '%s')",
        inside_changed, get_string(e, "status"));

  CHECK(changed(&b, e, "cancel") == kOfxStatOK && strstr(get_string(e, "status"), "nothing to cancel"), "Cancel with no job running");

  /* the host saves the project and reopens it: same parameter values, a new instance, the same document */
  char *saved = strdup(get_string(e, "shotSetup"));
  CHECK(act(&b, "OfxActionDestroyInstance", e, NULL, NULL) == kOfxStatOK, "DestroyInstance");
  Effect *again = create_instance_in(&b, general, 64, 64, "OfxImageEffectContextGeneral", e, &st);
  CHECK(st == kOfxStatOK, "CreateInstance from the saved values");
  st = render_job(&b, again, &job, 3);
  CHECK(st == kOfxStatOK && !strcmp(get_string(again, "shotSetup"), saved), "reopened: the same shot setup document");
  CHECK(act(&b, "OfxActionDestroyInstance", again, NULL, NULL) == kOfxStatOK, "DestroyInstance");
  CHECK(atomic_load(&g_images_out) == 0, "every image released (%d outstanding)", atomic_load(&g_images_out));
  free(saved);
  return 0;
}

/* ------------------------------------------------------------------------------------------------ */
/* Benchmark                                                                                         */

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
static int cmp_double(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }
/* "min / median" of n timings, in ms: on a shared machine the minimum shows the cost of the code itself. */
typedef struct { double min, median; } Timing;
static Timing summarize(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return (Timing){v[0], v[n / 2]};
}

/* The C reference: what a C passthrough plugin does per frame (fetch rows, copy them). */
static Timing bench_c_copy(Job *job, int reps) {
  double t[64];
  size_t row = (size_t)abs(job->src.rowBytes);
  for (int r = 0; r < reps; r++) {
    double start = now_ms();
    for (int y = 0; y < job->src.h; y++)
      memcpy(job->dst.base + (size_t)y * row, job->src.base + (size_t)y * row, row);
    t[r] = now_ms() - start;
  }
  return summarize(t, reps);
}
/* One frame as MLT asks for it: BeginSequenceRender, Render, EndSequenceRender. */
static Timing bench_java(Binary *b, Effect *e, Job *job, int warmup, int reps) {
  double t[64];
  if (reps > 64) reps = 64;
  PropSet *seq = sequence_args(0, 0);
  for (int r = 0; r < warmup + reps; r++) {
    double start = now_ms();
    act(b, "OfxImageEffectActionBeginSequenceRender", e, seq, NULL);
    OfxStatus st = render_job(b, e, job, 0);
    act(b, "OfxImageEffectActionEndSequenceRender", e, seq, NULL);
    if (r >= warmup) t[r - warmup] = now_ms() - start;
    if (st != kOfxStatOK) g_failures++;
  }
  ps_free(seq);
  return summarize(t, reps);
}

static int scenario_bench(const char *bundle) {
  Binary b;
  if (!load_binary(bundle, &b)) return 1;
  act(&b, "OfxActionLoad", NULL, NULL, NULL);
  Effect *desc = describe_all(&b, 0);
  OfxStatus st;
  Effect *e = create_instance(&b, desc, 3840, 2160, &st);
  if (st != kOfxStatOK) return 1;
  int sizes[2][2] = {{1920, 1080}, {3840, 2160}};
  Depth depths[2] = {BYTE, FLOAT};
  printf("BENCH cpus=%ld; per frame, min / median ms; Java = Begin+Render+End through the bridge; C = row memcpy\n",
         sysconf(_SC_NPROCESSORS_ONLN));
  { /* the fixed cost of one frame through the bridge: 16x16 pixels, one thread */
    Job job = {new_buffer(16, 16, BYTE, 0), new_buffer(16, 16, BYTE, 0), "OfxBitDepthByte", "OfxImageComponentRGBA", -1, 0};
    set_gain_mode(e, 0.5, 1);
    Timing t = bench_java(&b, e, &job, 200, 51);
    printf("BENCH 16x16 RGBA 8bit  Java frame %.3f / %.3f ms (fixed cost of the bridge per frame)\n", t.min, t.median);
    free(job.src.base);
    free(job.dst.base);
  }
  for (int s = 0; s < 2; s++)
    for (int d = 0; d < 2; d++) {
      int w = sizes[s][0], h = sizes[s][1], big = w * h * depth_bytes(depths[d]) > 40000000;
      Job job = {new_buffer(w, h, depths[d], 1), new_buffer(w, h, depths[d], 1), depth_name(depths[d]), "OfxImageComponentRGBA", -1, 0};
      fill_source(&job.src, depths[d], 0);
      int reps = big ? 9 : 21, warmup = big ? 5 : 15;
      Timing c = bench_c_copy(&job, reps);
      set_gain_mode(e, 1.0, 0);
      Timing copy = bench_java(&b, e, &job, warmup, reps);
      set_gain_mode(e, 0.5, 1);
      Timing gain = bench_java(&b, e, &job, warmup, reps);
      printf("BENCH %dx%d RGBA %-5s C copy %6.2f / %6.2f ms | Java copy %6.2f / %6.2f ms (min +%.2f over C) | "
             "Java gain+invert %6.2f / %6.2f ms (min +%.2f over C)\n", w, h, depths[d] == BYTE ? "8bit" : "float",
             c.min, c.median, copy.min, copy.median, copy.min - c.min, gain.min, gain.median, gain.min - c.min);
      fflush(stdout);
      free(job.src.base);
      free(job.dst.base);
    }
  return 0;
}

/* The TalkFX effect's Generate meets a fault mid-job: "cancel" (the progress bar's cancel at the 2nd update) or
 * "kill" (the render service is SIGKILLed at the 2nd update). Generate must end with a status and a message saying
 * what happened, the host goes on rendering (source or cached frames), and nothing is half-written (the caller
 * scans the cache). work: as for the talkfx scenario. */
static int scenario_talkfx_faults(const char *bundle, const char *work, const char *fault) {
  g_plugin_id = TALKFX_ID;
  Binary b;
  if (!load_binary(bundle, &b)) return 1;
  CHECK(act(&b, "OfxActionLoad", NULL, NULL, NULL) == kOfxStatOK, "Load");
  Effect *d = new_effect();
  act(&b, "OfxActionDescribe", d, NULL, NULL);
  Effect *general = describe_context(&b, "OfxImageEffectContextGeneral");
  char clip[4096], audio[4096], models[4096], setup[4096];
  snprintf(clip, sizeof clip, "%s/clip.mp4", work);
  snprintf(audio, sizeof audio, "%s/anna.wav", work);
  snprintf(models, sizeof models, "%s/models/tiny", work);
  snprintf(setup, sizeof setup, "%s/shot.talkfx.json", work);
  OfxStatus st;
  Effect *e = create_instance_in(&b, general, 64, 64, "OfxImageEffectContextGeneral", NULL, &st);
  CHECK(st == kOfxStatOK, "CreateInstance (general context)");
  set_string(e, "sourceMedia", clip);
  set_string(e, "speaker1Audio", audio);
  set_string(e, "modelDirectory", models);
  set_string(e, "setupFile", setup);
  set_int(e, "steps", 2);
  changed(&b, e, "speaker1Audio");
  if (!strcmp(fault, "cancel")) g_cancel_at_update = 2;
  else g_kill_service_at_update = 2;
  int before = message_count();
  st = changed(&b, e, "generate");
  g_cancel_at_update = g_kill_service_at_update = 0;
  printf("GENERATE status %d, effect status '%s'\n", st, get_string(e, "status"));
  int told = !strcmp(fault, "cancel")
                 ? find_message(before, NULL, "cancel") >= 0 || strstr(get_string(e, "status"), "cancel") != NULL
                 : find_message(before, NULL, "stopped") >= 0 || strstr(get_string(e, "status"), "stopped") != NULL;
  CHECK(told, "Generate after %s: the user is told what happened", fault);
  Job job = {new_buffer(64, 64, BYTE, 1), new_buffer(64, 64, BYTE, 1), "OfxBitDepthByte", "OfxImageComponentRGBA", -1, 0};
  fill_source(&job.src, BYTE, 0);
  st = render_job(&b, e, &job, 3);
  CHECK(st == kOfxStatOK, "the host renders on after the %s: status %d, '%s'", fault, st, get_string(e, "status"));
  CHECK(act(&b, "OfxActionDestroyInstance", e, NULL, NULL) == kOfxStatOK, "DestroyInstance");
  CHECK(atomic_load(&g_images_out) == 0, "every image released (%d outstanding)", atomic_load(&g_images_out));
  printf("HOST ALIVE after %s\n", fault);
  free(job.src.base);
  free(job.dst.base);
  return 0;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (argc < 3) {
    fprintf(stderr, "usage: %s full|throw|reload|signals|missing|bench|talkfx|faults|talkfx-faults <bundle> [workdir|expected message|action]\n", argv[0]);
    return 2;
  }
  init_host();
  const char *mode = argv[1], *bundle = argv[2];
  int rc;
  if (!strcmp(mode, "full") && argc > 3) rc = scenario_full(bundle, argv[3]);
  else if (!strcmp(mode, "throw")) rc = scenario_throw(bundle);
  else if (!strcmp(mode, "reload")) rc = scenario_reload(bundle);
  else if (!strcmp(mode, "signals")) rc = scenario_signals(bundle);
  else if (!strcmp(mode, "missing") && argc > 3) rc = scenario_missing(bundle, argv[3]);
  else if (!strcmp(mode, "bench")) rc = scenario_bench(bundle);
  else if (!strcmp(mode, "talkfx") && argc > 3) rc = scenario_talkfx(bundle, argv[3]);
  else if (!strcmp(mode, "faults") && argc > 3) rc = scenario_faults(bundle, argv[3]);
  else if (!strcmp(mode, "talkfx-faults") && argc > 4) rc = scenario_talkfx_faults(bundle, argv[3], argv[4]);
  else {
    fprintf(stderr, "unknown scenario or missing argument: %s\n", mode);
    return 2;
  }
  printf("RESULT %s (%d failed check(s))\n", rc == 0 && g_failures == 0 ? "PASS" : "FAIL", g_failures);
  return rc == 0 && g_failures == 0 ? 0 : 1;
}
