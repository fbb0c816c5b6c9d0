# The .npy fixtures of NpyArraysTest, written by numpy itself (an independent writer of the format).
# Run from this folder with Debian's numpy: /usr/bin/python3 make_fixtures.py
import numpy as np

values = np.array([[1.5, -2.0, 3.25], [0.0, 1e-300, -7.0]])
np.save("c_f8.npy", values)
np.save("fortran_f8.npy", np.asfortranarray(values))
np.save("big_endian_f8.npy", values.astype(">f8"))
np.save("f4.npy", values.astype("<f4"))
np.save("i8.npy", np.array([[1, -2, 3], [4, 5, -6]], dtype="<i8"))
np.save("b1.npy", np.array([True, False, True]))
np.save("scalar_f8.npy", np.float64(2.5))
with open("v2_f8.npy", "wb") as f:
    np.lib.format.write_array(f, values, version=(2, 0))
print("numpy", np.__version__)
