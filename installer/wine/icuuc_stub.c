/* Stand-in for Windows' system icuuc.dll under Wine (Wine 8 has none). Qt6Core imports only
   the converter API from it; every converter reports "not available", so Qt falls back to its
   built-in UTF-8/UTF-16/Latin-1 codecs. Only for building/smoke-testing under Wine. */
#include <stddef.h>
#define API __declspec(dllexport)
API void *ucnv_open(const char *name, int *err) { if (err) *err = 4; return NULL; }
API void ucnv_close(void *c) {}
API void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
API void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
API void ucnv_reset(void *c) {}
API int ucnv_getMaxCharSize(void *c) { return 1; }
API const char *ucnv_getName(void *c, int *err) { return ""; }
API void ucnv_getToUCallBack(void *c, void **a, const void **b) {}
API void ucnv_getFromUCallBack(void *c, void **a, const void **b) {}
API void ucnv_setToUCallBack(void *c, void *a, const void *b, void **d, const void **e, int *err) {}
API void ucnv_setFromUCallBack(void *c, void *a, const void *b, void **d, const void **e, int *err) {}
API void ucnv_cbToUWriteUChars(void *a, const void *b, int c, int d, int *err) {}
API void ucnv_toUnicode(void *c, void **t, const void *tl, const char **s, const char *sl, int *o, int f, int *err) { if (err) *err = 1; }
API void ucnv_cbFromUWriteUChars(void *a, const void **b, const void *c, int d, int *err) {}
API int ucnv_toUCountPending(void *c, int *err) { return 0; }
API int ucnv_fromUCountPending(void *c, int *err) { return 0; }
API const char *ucnv_getStandardName(const char *n, const char *s, int *err) { return NULL; }
API const char *ucnv_getAvailableName(int n) { return NULL; }
API int ucnv_countAvailable(void) { return 0; }
API void ucnv_fromUnicode(void *c, char **t, const char *tl, const void **s, const void *sl, int *o, int f, int *err) { if (err) *err = 1; }
