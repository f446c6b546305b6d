whatif ../../data/mainnet-e266.case.json --host gonka1830lqug50lse998x2lakk4pj5ypfumz5pasz0y --candidates 1 --format csv
