; Inno Setup script for Dafu on Windows (build with packaging\windows\build.ps1).
; Installs the PyInstaller folder dist\dafu, a Start-menu entry, an optional desktop icon, and the
; .dafu draft file association (double-click opens the draft in Dafu).
#define AppName "Dafu"
#define AppNameZh "答复"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define Root "..\.."

[Setup]
AppId={{6E4C1F1A-8E2B-4F7A-9D61-2A9C5B0D1F3E}
AppName={#AppName} {#AppNameZh}
AppVersion={#AppVersion}
AppPublisher=Dafu developers
DefaultDirName={autopf}\Dafu
DefaultGroupName={#AppName} {#AppNameZh}
UninstallDisplayIcon={app}\dafu-desktop.exe
SetupIconFile={#Root}\packaging\windows\dafu.ico
OutputDir={#Root}\dist
OutputBaseFilename=dafu-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
ArchitecturesAllowed=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
WizardStyle=modern

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.FontsNote=公文的标准字体（方正小标宋简体、仿宋_GB2312、楷体_GB2312、黑体）不随本程序安装。装有这些字体时，导出的 .docx 和预览与正式公文完全一致；未安装时，Word/WPS 会用系统自带字体（仿宋、楷体、宋体）代替。
english.FontsNote=The official fonts (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体) are not installed with Dafu. With them, exported .docx files and the preview look exactly official; without them, Word/WPS substitute the system's 仿宋, 楷体 and 宋体.
chinesesimplified.DesktopIcon=创建桌面快捷方式
english.DesktopIcon=Create a desktop shortcut

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\dafu\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppNameZh} Dafu"; Filename: "{app}\dafu-desktop.exe"
Name: "{group}\{cm:UninstallProgram,Dafu}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppNameZh} Dafu"; Filename: "{app}\dafu-desktop.exe"; Tasks: desktopicon

[Registry]
; .dafu → Dafu.Draft, opened by dafu-desktop.exe "%1"
Root: HKA; Subkey: "Software\Classes\.dafu"; ValueType: string; ValueName: ""; ValueData: "Dafu.Draft"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.dafu"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-dafu-draft"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Dafu.Draft"; ValueType: string; ValueName: ""; ValueData: "答复草稿 Dafu draft"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Dafu.Draft\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\dafu-desktop.exe,0"
Root: HKA; Subkey: "Software\Classes\Dafu.Draft\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\dafu-desktop.exe"" ""%1"""

[Run]
Filename: "{app}\dafu-desktop.exe"; Description: "{cm:LaunchProgram,{#AppNameZh} Dafu}"; Flags: nowait postinstall skipifsilent

[Code]
procedure InitializeWizard;
begin
  CreateOutputMsgPage(wpWelcome, 'Fonts / 字体', '', CustomMessage('FontsNote'));
end;
