# REQ clients (native libzmq through pyzmq) in front of a request/reply broker: each of
# CLIENTS clients sends N requests one after the other and prints "request reply" per
# answer. Usage: proxy_req_clients.py ENDPOINT CLIENTS N
import sys
import threading

import zmq

endpoint, clients, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
context = zmq.Context()
lock = threading.Lock()


def client(index):
    req = context.socket(zmq.REQ)
    req.setsockopt(zmq.RCVTIMEO, 30000)
    req.setsockopt(zmq.LINGER, 0)
    req.connect(endpoint)
    for i in range(count):
        request = "client-%d-%d" % (index, i)
        req.send_string(request)
        reply = req.recv_string()
        with lock:
            print(request, reply, flush=True)
    req.close()


threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("done", flush=True)
context.term()
