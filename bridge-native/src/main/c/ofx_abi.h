/* The part of the OpenFX 1.5 C ABI that TalkFX uses (shim and test host).
 * Names, constants and struct layouts are facts of the OpenFX API (BSD-3-Clause headers,
 * github.com/AcademySoftwareFoundation/openfx); declared here so the build needs no SDK. */
#ifndef TALKFX_OFX_ABI_H
#define TALKFX_OFX_ABI_H

typedef int OfxStatus;
typedef double OfxTime;
typedef struct OfxPropertySetStruct *OfxPropertySetHandle;
typedef struct OfxImageEffectStruct *OfxImageEffectHandle;
typedef struct OfxImageClipStruct *OfxImageClipHandle;
typedef struct OfxParamStruct *OfxParamHandle;
typedef struct OfxParamSetStruct *OfxParamSetHandle;
typedef struct OfxImageMemoryStruct *OfxImageMemoryHandle;
typedef struct OfxMutex *OfxMutexHandle;
typedef struct { double x1, y1, x2, y2; } OfxRectD;
typedef struct { int x1, y1, x2, y2; } OfxRectI;

enum {
  kOfxStatOK = 0, kOfxStatFailed = 1, kOfxStatErrFatal = 2, kOfxStatErrUnknown = 3,
  kOfxStatErrMissingHostFeature = 4, kOfxStatErrUnsupported = 5, kOfxStatErrExists = 6,
  kOfxStatErrFormat = 7, kOfxStatErrMemory = 8, kOfxStatErrBadHandle = 9, kOfxStatErrBadIndex = 10,
  kOfxStatErrValue = 11, kOfxStatReplyYes = 12, kOfxStatReplyNo = 13, kOfxStatReplyDefault = 14
};

typedef struct OfxHost {
  OfxPropertySetHandle host;
  const void *(*fetchSuite)(OfxPropertySetHandle host, const char *suiteName, int suiteVersion);
} OfxHost;

typedef OfxStatus(OfxPluginEntryPoint)(const char *action, const void *handle,
                                       OfxPropertySetHandle inArgs, OfxPropertySetHandle outArgs);

typedef struct OfxPlugin {
  const char *pluginApi;
  int apiVersion;
  const char *pluginIdentifier;
  unsigned int pluginVersionMajor;
  unsigned int pluginVersionMinor;
  void (*setHost)(OfxHost *host);
  OfxPluginEntryPoint *mainEntry;
} OfxPlugin;

typedef struct OfxPropertySuiteV1 {
  OfxStatus (*propSetPointer)(OfxPropertySetHandle, const char *, int, void *);
  OfxStatus (*propSetString)(OfxPropertySetHandle, const char *, int, const char *);
  OfxStatus (*propSetDouble)(OfxPropertySetHandle, const char *, int, double);
  OfxStatus (*propSetInt)(OfxPropertySetHandle, const char *, int, int);
  OfxStatus (*propSetPointerN)(OfxPropertySetHandle, const char *, int, void *const *);
  OfxStatus (*propSetStringN)(OfxPropertySetHandle, const char *, int, const char *const *);
  OfxStatus (*propSetDoubleN)(OfxPropertySetHandle, const char *, int, const double *);
  OfxStatus (*propSetIntN)(OfxPropertySetHandle, const char *, int, const int *);
  OfxStatus (*propGetPointer)(OfxPropertySetHandle, const char *, int, void **);
  OfxStatus (*propGetString)(OfxPropertySetHandle, const char *, int, char **);
  OfxStatus (*propGetDouble)(OfxPropertySetHandle, const char *, int, double *);
  OfxStatus (*propGetInt)(OfxPropertySetHandle, const char *, int, int *);
  OfxStatus (*propGetPointerN)(OfxPropertySetHandle, const char *, int, void **);
  OfxStatus (*propGetStringN)(OfxPropertySetHandle, const char *, int, char **);
  OfxStatus (*propGetDoubleN)(OfxPropertySetHandle, const char *, int, double *);
  OfxStatus (*propGetIntN)(OfxPropertySetHandle, const char *, int, int *);
  OfxStatus (*propReset)(OfxPropertySetHandle, const char *);
  OfxStatus (*propGetDimension)(OfxPropertySetHandle, const char *, int *);
} OfxPropertySuiteV1;

typedef struct OfxImageEffectSuiteV1 {
  OfxStatus (*getPropertySet)(OfxImageEffectHandle, OfxPropertySetHandle *);
  OfxStatus (*getParamSet)(OfxImageEffectHandle, OfxParamSetHandle *);
  OfxStatus (*clipDefine)(OfxImageEffectHandle, const char *, OfxPropertySetHandle *);
  OfxStatus (*clipGetHandle)(OfxImageEffectHandle, const char *, OfxImageClipHandle *, OfxPropertySetHandle *);
  OfxStatus (*clipGetPropertySet)(OfxImageClipHandle, OfxPropertySetHandle *);
  OfxStatus (*clipGetImage)(OfxImageClipHandle, OfxTime, const OfxRectD *, OfxPropertySetHandle *);
  OfxStatus (*clipReleaseImage)(OfxPropertySetHandle);
  OfxStatus (*clipGetRegionOfDefinition)(OfxImageClipHandle, OfxTime, OfxRectD *);
  int (*abort)(OfxImageEffectHandle);
  OfxStatus (*imageMemoryAlloc)(OfxImageEffectHandle, size_t, OfxImageMemoryHandle *);
  OfxStatus (*imageMemoryFree)(OfxImageMemoryHandle);
  OfxStatus (*imageMemoryLock)(OfxImageMemoryHandle, void **);
  OfxStatus (*imageMemoryUnlock)(OfxImageMemoryHandle);
} OfxImageEffectSuiteV1;

typedef struct OfxParameterSuiteV1 {
  OfxStatus (*paramDefine)(OfxParamSetHandle, const char *, const char *, OfxPropertySetHandle *);
  OfxStatus (*paramGetHandle)(OfxParamSetHandle, const char *, OfxParamHandle *, OfxPropertySetHandle *);
  OfxStatus (*paramSetGetPropertySet)(OfxParamSetHandle, OfxPropertySetHandle *);
  OfxStatus (*paramGetPropertySet)(OfxParamHandle, OfxPropertySetHandle *);
  OfxStatus (*paramGetValue)(OfxParamHandle, ...);
  OfxStatus (*paramGetValueAtTime)(OfxParamHandle, OfxTime, ...);
  OfxStatus (*paramGetDerivative)(OfxParamHandle, OfxTime, ...);
  OfxStatus (*paramGetIntegral)(OfxParamHandle, OfxTime, OfxTime, ...);
  OfxStatus (*paramSetValue)(OfxParamHandle, ...);
  OfxStatus (*paramSetValueAtTime)(OfxParamHandle, OfxTime, ...);
  OfxStatus (*paramGetNumKeys)(OfxParamHandle, unsigned int *);
  OfxStatus (*paramGetKeyTime)(OfxParamHandle, unsigned int, OfxTime *);
  OfxStatus (*paramGetKeyIndex)(OfxParamHandle, OfxTime, int, int *);
  OfxStatus (*paramDeleteKey)(OfxParamHandle, OfxTime);
  OfxStatus (*paramDeleteAllKeys)(OfxParamHandle);
  OfxStatus (*paramCopy)(OfxParamHandle, OfxParamHandle, OfxTime, const void *);
  OfxStatus (*paramEditBegin)(OfxParamSetHandle, const char *);
  OfxStatus (*paramEditEnd)(OfxParamSetHandle);
} OfxParameterSuiteV1;

typedef struct OfxMemorySuiteV1 {
  OfxStatus (*memoryAlloc)(void *, size_t, void **);
  OfxStatus (*memoryFree)(void *);
} OfxMemorySuiteV1;

typedef OfxStatus(OfxThreadFunctionV1)(unsigned int threadIndex, unsigned int threadMax, void *customArg);
typedef struct OfxMultiThreadSuiteV1 {
  OfxStatus (*multiThread)(OfxThreadFunctionV1 *, unsigned int, void *);
  OfxStatus (*multiThreadNumCPUs)(unsigned int *);
  OfxStatus (*multiThreadIndex)(unsigned int *);
  int (*multiThreadIsSpawnedThread)(void);
  OfxStatus (*mutexCreate)(OfxMutexHandle *, int);
  OfxStatus (*mutexDestroy)(const OfxMutexHandle);
  OfxStatus (*mutexLock)(const OfxMutexHandle);
  OfxStatus (*mutexUnLock)(const OfxMutexHandle);
  OfxStatus (*mutexTryLock)(const OfxMutexHandle);
} OfxMultiThreadSuiteV1;

typedef struct OfxMessageSuiteV2 { /* v1 is the first member only */
  OfxStatus (*message)(void *, const char *, const char *, const char *, ...);
  OfxStatus (*setPersistentMessage)(void *, const char *, const char *, const char *, ...);
  OfxStatus (*clearPersistentMessage)(void *);
} OfxMessageSuiteV2;

typedef struct OfxProgressSuiteV2 { /* v1 has the same functions, progressStart without messageId */
  OfxStatus (*progressStart)(void *, const char *, const char *);
  OfxStatus (*progressUpdate)(void *, double);
  OfxStatus (*progressEnd)(void *);
} OfxProgressSuiteV2;

typedef struct OfxTimeLineSuiteV1 {
  OfxStatus (*getTime)(void *, double *);
  OfxStatus (*gotoTime)(void *, double);
  OfxStatus (*getTimeBounds)(void *, double *, double *);
} OfxTimeLineSuiteV1;

#endif
