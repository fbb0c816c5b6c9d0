# Independent reference outputs for gen4j's Keras import: a plain numpy forward pass (inference mode: batch norm
# with its moving statistics, no dropout) of the two DCGAN models, reading their layers and weights with h5py.
# Run from this folder with Debian's python3-numpy and python3-h5py:  /usr/bin/python3 forward.py
import json
import h5py
import numpy as np


def layers_of(path):
    f = h5py.File(path, "r")
    config = json.loads(f.attrs["model_config"])
    layers = config["config"]["layers"] if isinstance(config["config"], dict) else config["config"]
    def weights(name):
        group = f["model_weights"][name]
        if name not in group:
            return {}
        return {key.split(":")[0]: np.array(value, dtype=np.float64) for key, value in group[name].items()}
    return [(layer["class_name"], layer["config"], weights(layer["config"]["name"])) for layer in layers]


def same_padding(size, kernel, stride):
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def conv2d(x, w, cfg):                      # x [n, h, w, c], kernel [kh, kw, in, out]
    kh, kw, _, out = w["kernel"].shape
    sh, sw = cfg["strides"]
    if cfg["padding"] == "same":
        (pt, pb), (pl, pr) = same_padding(x.shape[1], kh, sh), same_padding(x.shape[2], kw, sw)
        x = np.pad(x, ((0, 0), (pt, pb), (pl, pr), (0, 0)))
    n, h, wd, c = x.shape
    oh, ow = (h - kh) // sh + 1, (wd - kw) // sw + 1
    y = np.zeros((n, oh, ow, out))
    for i in range(kh):
        for j in range(kw):
            patch = x[:, i:i + sh * oh:sh, j:j + sw * ow:sw, :]
            y += np.einsum("nhwc,co->nhwo", patch, w["kernel"][i, j])
    return y + w.get("bias", 0.0)


def activate(x, name, alpha=0.2):
    return {"linear": x, "relu": np.maximum(x, 0), "tanh": np.tanh(x), "sigmoid": 1 / (1 + np.exp(-x))}[name]


def forward(layers, x):
    for kind, cfg, w in layers:
        if kind == "Dense":
            x = activate(x @ w["kernel"] + w["bias"], cfg["activation"])
        elif kind == "Reshape":
            x = x.reshape((x.shape[0],) + tuple(cfg["target_shape"]))
        elif kind == "BatchNormalization":
            x = (x - w["moving_mean"]) / np.sqrt(w["moving_variance"] + cfg["epsilon"]) * w["gamma"] + w["beta"]
        elif kind == "UpSampling2D":
            x = x.repeat(cfg["size"][0], axis=1).repeat(cfg["size"][1], axis=2)
        elif kind == "Conv2D":
            x = activate(conv2d(x, w, cfg), cfg["activation"])
        elif kind == "Activation":
            x = activate(x, cfg["activation"])
        elif kind == "LeakyReLU":
            x = np.where(x > 0, x, cfg["alpha"] * x)
        elif kind == "Dropout":
            pass
        elif kind == "ZeroPadding2D":
            (pt, pb), (pl, pr) = cfg["padding"]
            x = np.pad(x, ((0, 0), (pt, pb), (pl, pr), (0, 0)))
        elif kind == "Flatten":
            x = x.reshape(x.shape[0], -1)
        else:
            raise ValueError("no reference for layer " + kind)
    return x


z = np.sin(0.37 * np.arange(3 * 100)).reshape(3, 100)
images = forward(layers_of("../dcgan_generator.h5"), z)                            # [3, 28, 28, 1]
x = np.concatenate([images, np.cos(0.11 * np.arange(2 * 784)).reshape(2, 28, 28, 1)])
probabilities = forward(layers_of("../dcgan_discriminator.h5"), x)                  # [5, 1]
np.save("generator_z.npy", z)
np.save("generator_images.npy", images)
np.save("discriminator_x.npy", x)
np.save("discriminator_probabilities.npy", probabilities)
print("images", images.shape, float(images.min()), float(images.max()), "probabilities", probabilities.ravel())
