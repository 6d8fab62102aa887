from dafu.cli import main

main()
