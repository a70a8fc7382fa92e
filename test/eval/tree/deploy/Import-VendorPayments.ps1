# Hotfix import of Vendor Payments into Prod from an admin workstation (pac CLI 1.38).
$ErrorActionPreference = "Stop"
pac auth select --name rpa-prod
pac solution import --path ./out/VendorPayments_1_2_0_0_managed.zip --settings-file ./solutions/VendorPayments/config/Prod/deploymentSettings.json --stage-and-upgrade --async
Write-Host "Vendor Payments imported. Re-share the desktop flows with the treasury group."
