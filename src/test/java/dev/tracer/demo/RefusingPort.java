package dev.tracer.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A backend that is down: a port this JVM holds bound, on every local address, and never listens on.
 * A connection to it is refused at once (the kernel answers with a reset), as by a host whose service
 * has stopped; and while it is held no other process can bind that port and answer instead: the socket
 * does not allow address reuse, and a bind to a port in use succeeds only if both sockets allow it.
 * The port is the one the system chose for it (port 0), never one found free and bound later.
 */
public final class RefusingPort implements AutoCloseable {

	private final Socket socket;

	private RefusingPort(Socket socket) {
		this.socket = socket;
	}

	public static RefusingPort hold() {
		Socket socket = new Socket();
		try {
			socket.setReuseAddress(false);
			socket.bind(new InetSocketAddress(0));
			return new RefusingPort(socket);
		}
		catch (IOException ex) {
			try {
				socket.close();
			}
			catch (IOException closing) {
				ex.addSuppressed(closing);
			}
			throw new IllegalStateException("could not hold a port", ex);
		}
	}

	public int port() {
		return socket.getLocalPort();
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}

}
