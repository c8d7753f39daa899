import AENumerics
print("ae-bench")
