; A script ISCC warns about, on purpose: installer/wine/windows_check.py compiles it before
; nianbao.iss, to prove that it reads ISCC's warnings (the step fails if it finds none here).
; The warning: 'Architecture identifier "x64" is deprecated' (Inno Setup 6.3 and later).
[Setup]
AppName=warns
AppVersion=1
CreateAppDir=no
Uninstallable=no
OutputBaseFilename=warns
ArchitecturesInstallIn64BitMode=x64
