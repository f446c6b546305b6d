epoch reward.case.json --rules v0.2.14 --format json
