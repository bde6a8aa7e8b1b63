"""A libzmq (pyzmq) client of REP and ROUTER @ZmqListeners: REQ and DEALER, plain frames.

Reads error replies with nothing but the metadata layout of docs/wire-format.md.
Usage: rpc_client.py <rep endpoint> <router endpoint> <void rep endpoint>
"""
import sys

import zmq

from wire_metadata import read_metadata

TIMEOUT_MS = 10000


def socket(context, kind, endpoint):
    s = context.socket(kind)
    s.setsockopt(zmq.RCVTIMEO, TIMEOUT_MS)
    s.setsockopt(zmq.LINGER, 0)
    s.connect(endpoint)
    return s


def main(rep, router, void_rep):
    context = zmq.Context()
    req = socket(context, zmq.REQ, rep)
    req.send(b"hello")
    print("rep req: " + req.recv().decode(), flush=True)
    req.send(b"fail")
    frames = req.recv_multipart()
    headers, error = read_metadata(frames[0])
    print("rep error: %d frames, metadata error=%s type=%s, text=%s"
          % (len(frames), error, headers.get("error-type"), frames[1].decode()), flush=True)
    req.close()

    req = socket(context, zmq.REQ, void_rep)
    req.send(b"note")
    frames = req.recv_multipart()
    print("rep void: %d frame of %d bytes" % (len(frames), len(frames[0])), flush=True)
    req.close()

    req = socket(context, zmq.REQ, router)
    req.send(b"hello")
    print("router req: " + req.recv().decode(), flush=True)
    req.close()

    dealer = socket(context, zmq.DEALER, router)
    for i in range(4):
        dealer.send_multipart([b"", b"reply-%d" % i])
    replies = []
    for _ in range(4):
        delimiter, body = dealer.recv_multipart()
        assert delimiter == b""
        replies.append(body.decode())
    print("router dealer: " + ",".join(replies), flush=True)
    dealer.close()
    context.term()
    print("done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
