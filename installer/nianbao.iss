; Inno Setup 6 script for 年报助手 (nianbao): an offline, per-user Windows installer.
;
; Built by `python installer\build.py` on Windows, which runs
;   ISCC.exe /DAppVersion=<pyproject version> /DBundleDir=<dist\nianbao> /DOutputDir=<dist> installer\nianbao.iss
; Without /D options it packages ..\dist\nianbao into ..\dist.
;
; - No administrator rights needed: installs for the current user into
;   %LOCALAPPDATA%\Programs\nianbao; an administrator may choose "all users" in a dialog.
; - Nothing is downloaded, at install time or at run time.
; - The uninstaller removes only what it installed; the clerk's drafts (.nianbao files,
;   wherever they are saved) and the program's settings/autosave folders are left alone.
; Saved as UTF-8 with a byte-order mark, as Inno Setup needs for Chinese text.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\nianbao"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif
; {autopf} is %LOCALAPPDATA%\Programs for a per-user install. Wine has no such known folder, so
; the test under Wine (installer/wine/) compiles with /DInstallDir={localappdata}\Programs\nianbao.
#ifndef InstallDir
  #define InstallDir "{autopf}\nianbao"
#endif
#define AppName "年报助手"
#define AppExe "nianbao.exe"
#define ProgId "nianbao.draft"
#define AppDescription "政府信息公开工作年度报告的编写、检查与排版"
#define DraftFileType "年报助手草稿"

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{6F1B7C2E-4A8D-4E3B-9C51-2D7E0A9F4B63}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
AppComments={#AppDescription}
VersionInfoVersion={#AppVersion}
VersionInfoDescription={#AppName} 安装程序
VersionInfoProductName={#AppName}
DefaultDirName={#InstallDir}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 supports Windows 10 1809 (build 17763) and later; its Qt6Core.dll also needs the
; icuuc.dll that Windows 10 ships since 1703. Windows 7/8 and older Windows 10 are refused.
MinVersion=10.0.17763
OutputDir={#OutputDir}
OutputBaseFilename=nianbao-setup-{#AppVersion}
SetupIconFile=..\resources\icons\nianbao.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
ShowLanguageDialog=no
CloseApplications=yes

[Languages]
; Inno Setup has no Simplified Chinese of its own: ChineseSimplified.isl is ours, laid
; over the English defaults so that a message missing from it can never break the build.
Name: "chinesesimp"; MessagesFile: "compiler:Default.isl,ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the whole program folder, so no library of an older version lingers.
; Only {app}\_internal: the program's own files, never the clerk's.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{#AppDescription}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{#AppDescription}"; Tasks: desktopicon

[Registry]
; The draft extension .nianbao opens in the program. HKA is HKEY_CURRENT_USER for the
; default per-user install (HKEY_LOCAL_MACHINE only if an administrator picks "all users").
Root: HKA; Subkey: "Software\Classes\.nianbao"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\.nianbao\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{#DraftFileType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" gui ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".nianbao"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: drafts, exports, settings and autosaves are the
; clerk's data and stay on the machine after uninstalling.

; installer/wine/windows_check.py compiles with /DPreprocessedFile=PATH to read the script as
; the compiler reads it (its PrivilegesRequired): the preprocessor writes it out here.
#ifdef PreprocessedFile
  #expr SaveToFile(PreprocessedFile)
#endif
