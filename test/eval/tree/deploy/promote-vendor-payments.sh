#!/usr/bin/env bash
# Promotes Vendor Payments through the in-product pipeline "Finance release" (stage: Prod).
set -euo pipefail
pac auth select --name rpa-host
pac pipeline deploy --solutionName VendorPayments --stageId 7c0e5b1a-3d2f-4e8a-9b6c-1f4d2a7e9c30 --currentVersion 1.2.0.0 --newVersion 1.2.0.1 --wait
