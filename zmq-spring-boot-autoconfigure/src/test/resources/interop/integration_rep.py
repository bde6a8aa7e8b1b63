# A libzmq REP server for an outbound gateway: binds an ephemeral port on 127.0.0.1, prints
# it, and answers each request with its payload upper-cased until it gets "stop" or has
# been idle for 30 s. Usage: integration_rep.py
import zmq

context = zmq.Context()
rep = context.socket(zmq.REP)
rep.setsockopt(zmq.RCVTIMEO, 30000)
rep.setsockopt(zmq.LINGER, 1000)
port = rep.bind_to_random_port("tcp://127.0.0.1")
print("port", port, flush=True)
while True:
    try:
        request = rep.recv()
    except zmq.Again:
        break
    if request == b"stop":
        rep.send(b"stopped")
        break
    rep.send(request.upper())
rep.close()
context.term()
