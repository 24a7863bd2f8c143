print("erkend")
