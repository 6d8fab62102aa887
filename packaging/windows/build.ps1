# Build the Windows installer: dist\dafu (PyInstaller) then dist\dafu-<version>-setup.exe (Inno Setup 6).
# Run from a "Developer PowerShell" or any PowerShell in the repository root:
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

if (-not (Test-Path .venv)) { py -3.11 -m venv .venv }
.\.venv\Scripts\python -m pip install -q --upgrade pip
.\.venv\Scripts\python -m pip install -q -e ".[gui,packaging]"

# The Chinese UI translation and the icon are build output.
Get-ChildItem resources\i18n\*.ts | ForEach-Object {
    .\.venv\Scripts\pyside6-lrelease -silent $_.FullName -qm ($_.FullName -replace '\.ts$', '.qm')
}
$env:QT_QPA_PLATFORM = "offscreen"
.\.venv\Scripts\python packaging\make_icon.py
Remove-Item Env:QT_QPA_PLATFORM

Remove-Item -Recurse -Force dist\dafu, build\pyinstaller -ErrorAction SilentlyContinue
.\.venv\Scripts\pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build\pyinstaller packaging\dafu.spec

$version = (Select-String -Path pyproject.toml -Pattern '^version = "(.*)"').Matches[0].Groups[1].Value
$iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
if (-not (Test-Path $iscc)) { throw "Inno Setup 6 not found at $iscc (https://jrsoftware.org/isinfo.php)" }
& $iscc "/DAppVersion=$version" packaging\windows\dafu.iss
Write-Host "installer: dist\dafu-$version-setup.exe"
