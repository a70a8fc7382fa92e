# Manual deployment from the release workstation: pac auth profiles adatum-uat and adatum-prod exist.
pac auth select --name adatum-uat
pac solution import -p ./out/AdatumCustomsClearance_managed.zip --settings-file ../config/UAT/deploymentSettings.json
pac auth select --name adatum-prod
pac solution import -p ./out/AdatumCustomsClearance_managed.zip --settings-file ../config/Prod/deploymentSettings.json -up
