import AELang
import AEBindings
print("ae")
