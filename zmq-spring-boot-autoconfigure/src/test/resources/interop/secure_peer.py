"""A libzmq (pyzmq) peer of the security tests: CURVE, PLAIN and NULL clients, a CURVE server.

Usage:
  secure_peer.py curve-dealer <endpoint> <server public> <client public> <client secret> <message> <timeout ms>
  secure_peer.py plain-dealer <endpoint> <user> <password> <message> <timeout ms>
  secure_peer.py null-dealer <endpoint> <message> <timeout ms>
  secure_peer.py curve-router <server public> <server secret>    (echoes requests until stdin closes)
  secure_peer.py certificates <directory> <name>                   (zmq.auth.create_certificates)
A client prints "reply: <text>" or "timeout".
"""
import sys
import threading

import zmq
import zmq.auth


def dealer(context, endpoint, configure, message, timeout):
    s = context.socket(zmq.DEALER)
    s.setsockopt(zmq.LINGER, 0)
    s.setsockopt(zmq.RCVTIMEO, timeout)
    configure(s)
    s.connect(endpoint)
    s.send(message.encode())
    try:
        print("reply: " + s.recv().decode(), flush=True)
    except zmq.Again:
        print("timeout", flush=True)
    s.close()


def curve(server_public, public, secret):
    def configure(s):
        s.curve_serverkey = server_public.encode()
        s.curve_publickey = public.encode()
        s.curve_secretkey = secret.encode()
    return configure


def plain(user, password):
    def configure(s):
        s.plain_username = user.encode()
        s.plain_password = password.encode()
    return configure


def router(context, public, secret):
    s = context.socket(zmq.ROUTER)
    s.setsockopt(zmq.LINGER, 0)
    s.curve_server = True
    s.curve_publickey = public.encode()
    s.curve_secretkey = secret.encode()
    port = s.bind_to_random_port("tcp://127.0.0.1")
    print("endpoint: tcp://127.0.0.1:%d" % port, flush=True)
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    poller = zmq.Poller()
    poller.register(s, zmq.POLLIN)
    while not stop.is_set():
        if poller.poll(100):
            frames = s.recv_multipart()
            frames[-1] = b"echo:" + frames[-1]
            s.send_multipart(frames)
    s.close()


def main(args):
    context = zmq.Context()
    mode = args[0]
    if mode == "curve-dealer":
        dealer(context, args[1], curve(args[2], args[3], args[4]), args[5], int(args[6]))
    elif mode == "plain-dealer":
        dealer(context, args[1], plain(args[2], args[3]), args[4], int(args[5]))
    elif mode == "null-dealer":
        dealer(context, args[1], lambda s: None, args[2], int(args[3]))
    elif mode == "curve-router":
        router(context, args[1], args[2])
    elif mode == "certificates":
        public, secret = zmq.auth.create_certificates(args[1], args[2])
        print("public: " + public, flush=True)
        print("secret: " + secret, flush=True)
    context.term()


if __name__ == "__main__":
    main(sys.argv[1:])
