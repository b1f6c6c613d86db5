/* Stand-in for Wine 8's mscms.dll, whose WcsCreateIccProfile is unimplemented and aborts
   Qt's windows platform plugin (qwindows.dll imports these four functions). Every call
   reports "no colour profile", which Qt handles. Loaded only for the GUI check under Wine
   (WINEDLLOVERRIDES=mscms=n); never bundled. */
#include <stddef.h>
#define API __declspec(dllexport)
API void *OpenColorProfileW(const void *p, unsigned a, unsigned b, unsigned c) { return NULL; }
API int CloseColorProfile(void *h) { return 1; }
API int GetColorProfileFromHandle(void *h, unsigned char *buf, unsigned *size) { return 0; }
API void *WcsCreateIccProfile(void *h, unsigned flags) { return NULL; }
