diff v216-trust.case.json --rules v0.2.14 --rules v0.2.16 --format csv
