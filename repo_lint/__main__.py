from repo_lint.cli import main

main()
