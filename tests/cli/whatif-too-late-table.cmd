whatif snap-late --host gonka1aaa --rules v0.2.14 --format table
