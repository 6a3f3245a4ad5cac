from reportlint.entry import main

main()
