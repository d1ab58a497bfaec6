; Inno Setup 6 script for the Windows installer of key-projects.
; Build on Windows after the bundle (see docs/building.md):
;   1. pip install -e ".[build]"  &&  pyinstaller --noconfirm build.spec   -> dist\key-projects\
;   2. "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\key-projects.iss
; Output: dist\installer\key-projects-<version>-setup.exe
;
; Per user, no administrator rights (office PCs): installs under
; %LOCALAPPDATA%\Programs\key-projects. The data (database, backups, logs) lives in
; %LOCALAPPDATA%\SimingSciTech\key-projects, never in the install folder, and uninstalling
; leaves it there: nothing below deletes outside {app}.
; tests/test_packaging_installer.py checks on Linux that every file named here exists or is
; made by build.spec, and that every message used is defined in both languages.

#define AppName "思明区重点支撑项目管理"
#define AppNameEn "Key Projects Portfolio"
#define AppExe "key-projects.exe"
#define CliExe "key-projects-cli.exe"
#ifndef AppVersion
  ; The version resource build.spec writes from pyproject.toml (e.g. 0.1.0.0).
  #define AppVersion GetVersionNumbersString(AddBackslash(SourcePath) + "..\dist\key-projects\key-projects.exe")
#endif

[Setup]
AppId={{6F0C9E5B-3A7D-4E38-9C0B-5B7E2D1A4C11}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Siming District Science & Technology Bureau
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppNameEn}
VersionInfoDescription={#AppNameEn} setup
DefaultDirName={autopf}\key-projects
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist\installer
OutputBaseFilename=key-projects-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
DisableProgramGroupPage=yes
SetupIconFile=..\resources\icons\app.ico
UninstallDisplayIcon={app}\{#AppExe}
ShowLanguageDialog=auto

[Languages]
; Inno Setup 6 does not ship ChineseSimplified.isl: ours is in packaging/, read after
; Default.isl so a message it lacks falls back to English instead of failing the build.
Name: "chinesesimplified"; MessagesFile: "compiler:Default.isl,ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.SelfTestStatus=Checking the installation...
english.SelfTestFailed=The installed program failed its self-test (exit status %1). It may not work on this PC; the details are in:%n%2
english.SelfTestNotRun=The installed program could not be started for its self-test (%1). Antivirus may have blocked it.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the whole bundle: Qt and Python libraries of the old version left in
; _internal would be loaded beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The whole one-folder bundle made by build.spec: key-projects.exe (windowed),
; key-projects-cli.exe (console, for the README's commands) and _internal\.
Source: "..\dist\key-projects\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ Check the installed copy once (offscreen, hidden) with the console twin, its output kept
  in the user's log folder; a failure is shown, not ignored. }
procedure RunSelfTest();
var
  LogDir, LogFile, Params: String;
  ResultCode: Integer;
begin
  WizardForm.StatusLabel.Caption := CustomMessage('SelfTestStatus');
  LogDir := ExpandConstant('{localappdata}\SimingSciTech\key-projects\logs');
  ForceDirectories(LogDir);
  LogFile := LogDir + '\install-selftest.log';
  Params := '/C ""' + ExpandConstant('{app}\{#CliExe}') + '" --selftest > "' + LogFile + '" 2>&1"';
  if not Exec(ExpandConstant('{cmd}'), Params, ExpandConstant('{app}'), SW_HIDE,
              ewWaitUntilTerminated, ResultCode) then
    MsgBox(FmtMessage(CustomMessage('SelfTestNotRun'), [SysErrorMessage(ResultCode)]),
           mbError, MB_OK)
  else if ResultCode <> 0 then
    MsgBox(FmtMessage(CustomMessage('SelfTestFailed'), [IntToStr(ResultCode), LogFile]),
           mbError, MB_OK);
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if CurStep = ssPostInstall then
    RunSelfTest();
end;
