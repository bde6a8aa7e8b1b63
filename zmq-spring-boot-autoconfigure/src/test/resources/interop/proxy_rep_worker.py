# A REP worker (native libzmq through pyzmq) behind a request/reply broker: connects to
# the broker's backend and answers each request with "NAME:request" until stdin closes.
# Usage: proxy_rep_worker.py ENDPOINT NAME
import sys
import threading

import zmq

endpoint, name = sys.argv[1], sys.argv[2]
context = zmq.Context()
rep = context.socket(zmq.REP)
rep.setsockopt(zmq.LINGER, 0)
rep.connect(endpoint)
stopped = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), stopped.set()), daemon=True).start()
print("ready", flush=True)
poller = zmq.Poller()
poller.register(rep, zmq.POLLIN)
while not stopped.is_set():
    if poller.poll(100):
        request = rep.recv()
        rep.send(name.encode() + b":" + request)
rep.close()
context.term()
