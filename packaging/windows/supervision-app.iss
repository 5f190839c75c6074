; Inno Setup script for the Windows installer (Inno Setup 6.3 or later). Built by .github/workflows/bundles.yml:
;   iscc /DAppVersion=0.1.0 /DBundleDir=build\dist\supervision-app packaging\windows\supervision-app.iss
; from the PyInstaller one-folder bundle (packaging/supervision-app.spec). See docs/INSTALLING.md.
;
; Installing a newer version over an older one replaces only the program folder: the vault lives in
; the user's data folder (%LOCALAPPDATA%\supervision-app), which no installer or uninstaller touches.

#ifndef AppVersion
  #error Pass /DAppVersion=X.Y.Z
#endif
#ifndef BundleDir
  #define BundleDir "..\..\build\dist\supervision-app"
#endif
#define AppName "Supervision"
#define AppId "uk.org.supervisionapp.SupervisionApp"
#define WindowedExe "Supervision.exe"

[Setup]
; The same AppId for every version, so that a newer installer upgrades in place. Never change it.
AppId={{6C1E2F0A-5B7D-4C3E-9A41-2D8F7B3C6E15}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=The supervision-app team
AppCopyright=MIT licence
; Per user by default (no administrator needed); IT departments install for all users with
; /ALLUSERS on the command line (silently: /VERYSILENT /SUPPRESSMSGBOXES /ALLUSERS).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\build\dist
OutputBaseFilename=supervision-app-{#AppVersion}-windows-x64-setup
SetupIconFile=supervision-app.ico
UninstallDisplayIcon={app}\{#WindowedExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; Close a running copy before replacing its files.
CloseApplications=yes
#ifdef Sign
; Code signing is a step the deploying organisation adds (docs/INSTALLING.md). SignTool names a sign
; tool whose command is defined on the compiler's command line, never here:
;   iscc /DSign "/Sorgsign=signtool sign /fd sha256 /tr http://TIMESTAMP /td sha256 /f $qcert.pfx$q $f" ...
SignTool=orgsign
SignedUninstaller=yes
#endif

[InstallDelete]
; An older version's bundled libraries, which a newer one may no longer carry.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
#ifdef Sign
; The two programs, signed by the sign tool before they are stored; then everything else.
Source: "{#BundleDir}\*.exe"; DestDir: "{app}"; Flags: ignoreversion signonce
Source: "{#BundleDir}\*"; DestDir: "{app}"; Excludes: "\*.exe"; Flags: ignoreversion recursesubdirs createallsubdirs
#else
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
#endif

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#WindowedExe}"; AppUserModelID: "{#AppId}"

[Registry]
; File types (packaging/app_identity.py): each of the app's own extensions names its ProgID, which opens
; the windowed app with the file.
Root: HKA; Subkey: "Software\Classes\.svpair"; ValueType: string; ValueName: ""; ValueData: "SupervisionApp.Pairing"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.svpair\OpenWithProgids"; ValueType: string; ValueName: "SupervisionApp.Pairing"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\SupervisionApp.Pairing"; ValueType: string; ValueName: ""; ValueData: "Supervision pairing card"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SupervisionApp.Pairing\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#WindowedExe},0"
Root: HKA; Subkey: "Software\Classes\SupervisionApp.Pairing\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#WindowedExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.svagenda"; ValueType: string; ValueName: ""; ValueData: "SupervisionApp.Agenda"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.svagenda\OpenWithProgids"; ValueType: string; ValueName: "SupervisionApp.Agenda"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\SupervisionApp.Agenda"; ValueType: string; ValueName: ""; ValueData: "Supervision agenda"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SupervisionApp.Agenda\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#WindowedExe},0"
Root: HKA; Subkey: "Software\Classes\SupervisionApp.Agenda\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#WindowedExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.svrecord"; ValueType: string; ValueName: ""; ValueData: "SupervisionApp.Record"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.svrecord\OpenWithProgids"; ValueType: string; ValueName: "SupervisionApp.Record"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\SupervisionApp.Record"; ValueType: string; ValueName: ""; ValueData: "Supervision record"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SupervisionApp.Record\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#WindowedExe},0"
Root: HKA; Subkey: "Software\Classes\SupervisionApp.Record\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#WindowedExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.svsigned"; ValueType: string; ValueName: ""; ValueData: "SupervisionApp.Signed"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.svsigned\OpenWithProgids"; ValueType: string; ValueName: "SupervisionApp.Signed"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\SupervisionApp.Signed"; ValueType: string; ValueName: ""; ValueData: "Countersigned supervision note"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SupervisionApp.Signed\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#WindowedExe},0"
Root: HKA; Subkey: "Software\Classes\SupervisionApp.Signed\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#WindowedExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.svhandover"; ValueType: string; ValueName: ""; ValueData: "SupervisionApp.Handover"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.svhandover\OpenWithProgids"; ValueType: string; ValueName: "SupervisionApp.Handover"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\SupervisionApp.Handover"; ValueType: string; ValueName: ""; ValueData: "Supervision handover"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SupervisionApp.Handover\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#WindowedExe},0"
Root: HKA; Subkey: "Software\Classes\SupervisionApp.Handover\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#WindowedExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.svbackup"; ValueType: string; ValueName: ""; ValueData: "SupervisionApp.Backup"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.svbackup\OpenWithProgids"; ValueType: string; ValueName: "SupervisionApp.Backup"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\SupervisionApp.Backup"; ValueType: string; ValueName: ""; ValueData: "Supervision backup"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SupervisionApp.Backup\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#WindowedExe},0"
Root: HKA; Subkey: "Software\Classes\SupervisionApp.Backup\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#WindowedExe}"" ""%1"""
; The windowed program as Windows lists it under "Open with", and the types it opens.
Root: HKA; Subkey: "Software\Classes\Applications\{#WindowedExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#WindowedExe}\SupportedTypes"; ValueType: string; ValueName: ".svpair"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#WindowedExe}\SupportedTypes"; ValueType: string; ValueName: ".svagenda"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#WindowedExe}\SupportedTypes"; ValueType: string; ValueName: ".svrecord"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#WindowedExe}\SupportedTypes"; ValueType: string; ValueName: ".svsigned"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#WindowedExe}\SupportedTypes"; ValueType: string; ValueName: ".svhandover"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#WindowedExe}\SupportedTypes"; ValueType: string; ValueName: ".svbackup"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#WindowedExe}\SupportedTypes"; ValueType: string; ValueName: ".pdf"; ValueData: ""
; Offered in "Open with" for PDFs (a signed note to verify), never made the default.
Root: HKA; Subkey: "Software\Classes\.pdf\OpenWithProgids"; ValueType: string; ValueName: "SupervisionApp.Note"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\SupervisionApp.Note"; ValueType: string; ValueName: ""; ValueData: "Signed supervision note"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SupervisionApp.Note\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#WindowedExe}"" ""%1"""

[Run]
Filename: "{app}\{#WindowedExe}"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent
