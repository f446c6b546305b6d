diff small.case.json --rules v0.2.13
