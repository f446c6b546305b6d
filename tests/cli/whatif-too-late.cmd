whatif snap-late --host gonka1aaa --format json
