whatif small.case.json --tx 'set-poc-delegation m2 alice'
