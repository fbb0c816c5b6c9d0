"""Talks to the gen4j kernel through Jupyter's own client (jupyter_client), as a notebook front end does, and prints
one JSON line per step for NotebookSessionTest: an error cell, a training cell stopped by an interrupt request
(the notebook's stop button), and a cell after it that still sees the kernel's variables."""
import json
import sys

from jupyter_client.manager import start_new_kernel


def run(client, code, until_stream=None, on_stream=None):
    """Sends a cell; returns its execute_reply content, its outputs and stream text (waits for events, not time)."""
    msg_id = client.execute(code)
    outputs, text = [], ""
    while True:
        msg = client.get_iopub_msg()
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            text += content["text"]
            if until_stream and until_stream in text and on_stream:
                on_stream()
                on_stream = None
        elif kind in ("error", "execute_result", "display_data"):
            outputs.append({"type": kind, "ename": content.get("ename"), "evalue": content.get("evalue"),
                            "text": content.get("data", {}).get("text/plain")})
        elif kind == "status" and content["execution_state"] == "idle":
            break
    reply = client.get_shell_msg()
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = client.get_shell_msg()
    return reply["content"], outputs, text


manager, client = start_new_kernel(kernel_name="gen4j")
try:
    reply, outputs, _ = run(client, 'org.gen4j.data.Datasets.load("no-such-data")')
    print(json.dumps({"step": "error", "status": reply["status"], "outputs": outputs}), flush=True)

    run(client, "int kept = 7;")
    # one block, one snippet: the interrupt lands inside the training, not between two statements
    reply, outputs, text = run(client, """{
        System.out.println("training starts");
        System.out.flush();
        org.gen4j.gmm.GaussianMixtureTrainer.builder().components(3).maxIter(Integer.MAX_VALUE).tol(0).seed(1).build()
                .fit(org.gen4j.data.Datasets.load("faithful"));
        }""", until_stream="training starts", on_stream=manager.interrupt_kernel)
    print(json.dumps({"step": "interrupt", "status": reply["status"], "outputs": outputs, "text": text}), flush=True)

    reply, outputs, _ = run(client, "kept * 6")
    print(json.dumps({"step": "after", "status": reply["status"], "outputs": outputs}), flush=True)
finally:
    client.stop_channels()
    manager.shutdown_kernel(now=True)
sys.exit(0)
