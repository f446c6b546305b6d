whatif ../../data/mainnet-e266.case.json --host gonka1830lqug50lse998x2lakk4pj5ypfumz5pasz0y --model Qwen/Qwen3-235B-A22B-Instruct-2507-FP8 --candidates 1 --format table
