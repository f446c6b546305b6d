diff reward.case.json --rules v0.2.13 --rules v0.2.14 --format json
