# Makes the seed files of the Keras fuzz target (UntrustedInputFuzzTestInputs/kerasFiles/dense*.h5, tiny Keras 2 Sequential models): cd there and run /usr/bin/python3 ../../make_keras_seeds.py
import h5py, json, numpy as np
def save(path, layers, weights):
    cfg = {"class_name": "Sequential", "config": layers}
    with h5py.File(path, "w", libver="earliest") as f:
        f.attrs["keras_version"] = b"2.1.3"
        f.attrs["backend"] = b"tensorflow"
        f.attrs["model_config"] = json.dumps(cfg).encode()
        g = f.create_group("model_weights")
        g.attrs["layer_names"] = np.array([l["config"]["name"].encode() for l in layers])
        for l in layers:
            name = l["config"]["name"]
            lg = g.create_group(name)
            ws = weights.get(name, {})
            lg.attrs["weight_names"] = np.array([(name + "/" + k).encode() for k in ws], dtype="S")
            for k, v in ws.items():
                lg.create_dataset(name + "/" + k, data=v)
rng = np.random.default_rng(1)
dense = {"class_name": "Dense", "config": {"name": "dense_1", "units": 3, "activation": "tanh", "use_bias": True,
         "batch_input_shape": [None, 4], "dtype": "float32", "kernel_initializer": {"class_name": "Zeros", "config": {}},
         "bias_initializer": {"class_name": "Zeros", "config": {}}, "trainable": True}}
save("dense.h5", [dense], {"dense_1": {"kernel:0": rng.standard_normal((4, 3)).astype("f4"), "bias:0": np.zeros(3, "f4")}})
act = {"class_name": "Activation", "config": {"name": "activation_1", "activation": "sigmoid", "trainable": True}}
save("dense-activation.h5", [dense, act], {"dense_1": {"kernel:0": rng.standard_normal((4, 3)).astype("f4"), "bias:0": np.zeros(3, "f4")}})
