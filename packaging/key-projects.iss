; Inno Setup script for the Windows installer of key-projects.
; NOT YET BUILT HERE: this project's CI runs on Linux. Build on Windows (see docs/building.md):
;   1. pip install -e ".[build]"  &&  pyinstaller --noconfirm build.spec   -> dist\key-projects\
;   2. "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\key-projects.iss
; Output: dist\installer\key-projects-<version>-setup.exe
;
; Per-user install by default (no administrator rights on office PCs); the data
; (database, backups, logs) lives in the user's AppData folder, never in the install folder,
; so a read-only Program Files install works and uninstalling keeps the data.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "思明区重点支撑项目管理"
#define AppNameEn "Key Projects Portfolio"
#define AppExe "key-projects.exe"

[Setup]
AppId={{6F0C9E5B-3A7D-4E38-9C0B-5B7E2D1A4C11}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Siming District Science & Technology Bureau
DefaultDirName={autopf}\key-projects
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist\installer
OutputBaseFilename=key-projects-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#AppExe}
#if FileExists(AddBackslash(SourcePath) + "..\resources\icons\app.ico")
SetupIconFile=..\resources\icons\app.ico
#endif

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole one-folder bundle made by build.spec.
Source: "..\dist\key-projects\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
; Check the installed copy once (offscreen, no window), then offer to start it.
Filename: "{app}\{#AppExe}"; Parameters: "--selftest"; StatusMsg: "Checking the installation..."; Flags: runhidden waituntilterminated
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
