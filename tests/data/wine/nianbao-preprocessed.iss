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
; {autopf} is %LOCALAPPDATA%\Programs for a per-user install. Wine has no such known folder, so
; the test under Wine (installer/wine/) compiles with /DInstallDir={localappdata}\Programs\nianbao.
[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{6F1B7C2E-4A8D-4E3B-9C51-2D7E0A9F4B63}
AppName=年报助手
AppVersion=0.1.0
AppVerName=年报助手 0.1.0
AppPublisher=年报助手
AppComments=政府信息公开工作年度报告的编写、检查与排版
VersionInfoVersion=0.1.0
VersionInfoDescription=年报助手 安装程序
VersionInfoProductName=年报助手
DefaultDirName={localappdata}\Programs\nianbao
DefaultGroupName=年报助手
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 supports Windows 10 1809 (build 17763) and later; its Qt6Core.dll also needs the
; icuuc.dll that Windows 10 ships since 1703. Windows 7/8 and older Windows 10 are refused.
MinVersion=10.0.17763
OutputDir=Z:\tmp\nianbao-wine\out3
OutputBaseFilename=nianbao-setup-0.1.0
SetupIconFile=..\resources\icons\nianbao.ico
UninstallDisplayIcon={app}\nianbao.exe
UninstallDisplayName=年报助手
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
Source: "Z:\tmp\nianbao-wine\dummy\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
[Icons]
Name: "{autoprograms}\年报助手"; Filename: "{app}\nianbao.exe"; Comment: "政府信息公开工作年度报告的编写、检查与排版"
Name: "{autodesktop}\年报助手"; Filename: "{app}\nianbao.exe"; Comment: "政府信息公开工作年度报告的编写、检查与排版"; Tasks: desktopicon
[Registry]
; The draft extension .nianbao opens in the program. HKA is HKEY_CURRENT_USER for the
; default per-user install (HKEY_LOCAL_MACHINE only if an administrator picks "all users").
Root: HKA; Subkey: "Software\Classes\.nianbao"; ValueType: string; ValueName: ""; ValueData: "nianbao.draft"; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\.nianbao\OpenWithProgids"; ValueType: string; ValueName: "nianbao.draft"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\nianbao.draft"; ValueType: string; ValueName: ""; ValueData: "年报助手草稿"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\nianbao.draft\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\nianbao.exe,0"
Root: HKA; Subkey: "Software\Classes\nianbao.draft\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\nianbao.exe"" gui ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\nianbao.exe"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "年报助手"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\nianbao.exe\SupportedTypes"; ValueType: string; ValueName: ".nianbao"; ValueData: ""
[Run]
Filename: "{app}\nianbao.exe"; Description: "{cm:LaunchProgram,年报助手}"; Flags: nowait postinstall skipifsilent
; No [UninstallDelete] section on purpose: drafts, exports, settings and autosaves are the
; clerk's data and stay on the machine after uninstalling.
; installer/wine/windows_check.py compiles with /DPreprocessedFile=PATH to read the script as
; the compiler reads it (its PrivilegesRequired): the preprocessor writes it out here.
