/* Stand-in for bcryptprimitives.dll, which Windows 10/11 have and Wine 8 lacks. Rust's standard
   library takes its random numbers from ProcessPrng there, so cryptography's _rust.pyd — which
   pdfminer imports to read AES-encrypted PDFs — cannot load under Wine 8 without it, and every
   PDF import of the frozen program fails. Backed by advapi32's RtlGenRandom (SystemFunction036),
   which Wine implements. Lives in the prefix's system32 only; never bundled. */
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
