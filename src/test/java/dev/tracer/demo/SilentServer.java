package dev.tracer.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Accepts connections and never writes a byte: a backend that hangs. It listens on the port the system
 * chose (port 0) until {@link #close()}, so no other process can take it meanwhile.
 */
public final class SilentServer implements AutoCloseable {

	private final ServerSocket socket;

	private final List<Socket> connections = new ArrayList<>();

	private SilentServer(ServerSocket socket) {
		this.socket = socket;
	}

	public static SilentServer start() {
		try {
			SilentServer server = new SilentServer(new ServerSocket(0));
			Thread acceptor = new Thread(server::acceptForever, "silent-backend");
			acceptor.setDaemon(true);
			acceptor.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void acceptForever() {
		while (!socket.isClosed()) {
			try {
				Socket connection = socket.accept();
				synchronized (connections) {
					connections.add(connection);
				}
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	public int port() {
		return socket.getLocalPort();
	}

	public int accepted() {
		synchronized (connections) {
			return connections.size();
		}
	}

	@Override
	public void close() throws IOException {
		socket.close();
		synchronized (connections) {
			for (Socket connection : connections) {
				connection.close();
			}
		}
	}

}
