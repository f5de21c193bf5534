package net.sigsrv.infra.incus.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import javax.net.SocketFactory;

/**
 * Sockets that connect to one unix domain socket whatever address they are asked for, so an HTTP client can talk
 * to the daemon's {@code unix.socket}. Reads and writes go straight to the channel (one reader and one writer may
 * run at once, as a full-duplex socket allows); timeouts are enforced by the HTTP client closing the socket.
 */
public final class UnixSocketFactory extends SocketFactory {

    private final Path path;

    public UnixSocketFactory(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    @Override
    public Socket createSocket() {
        return new UnixSocket(path);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected();
    }

    private Socket connected() throws IOException {
        Socket s = new UnixSocket(path);
        s.connect(null);
        return s;
    }

    private static final class UnixSocket extends Socket {
        private final Path path;
        private SocketChannel channel;
        private volatile boolean closed;
        private volatile boolean inputShut;
        private volatile boolean outputShut;

        UnixSocket(Path path) {
            this.path = path;
        }

        @Override
        public void connect(SocketAddress ignored) throws IOException {
            connect(ignored, 0);
        }

        @Override
        public void connect(SocketAddress ignored, int timeout) throws IOException {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(path));
            } catch (IOException e) {
                ch.close();
                throw new IOException("cannot connect to unix socket " + path + ": " + e.getMessage(), e);
            }
            channel = ch;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            requireOpen();
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (len == 0) {
                        return 0;
                    }
                    return channel.read(ByteBuffer.wrap(b, off, len));
                }

                @Override
                public void close() throws IOException {
                    UnixSocket.this.close();
                }
            };
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            requireOpen();
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                    while (buf.hasRemaining()) {
                        channel.write(buf);
                    }
                }

                @Override
                public void close() throws IOException {
                    UnixSocket.this.close();
                }
            };
        }

        private void requireOpen() throws IOException {
            if (channel == null || closed) {
                throw new IOException("unix socket " + path + " is not connected");
            }
        }

        @Override
        public synchronized void close() throws IOException {
            closed = true;
            if (channel != null) {
                channel.close();
            }
        }

        @Override
        public boolean isConnected() {
            return channel != null && channel.isConnected();
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public void shutdownInput() throws IOException {
            inputShut = true;
            channel.shutdownInput();
        }

        @Override
        public void shutdownOutput() throws IOException {
            outputShut = true;
            channel.shutdownOutput();
        }

        @Override
        public boolean isInputShutdown() {
            return inputShut;
        }

        @Override
        public boolean isOutputShutdown() {
            return outputShut;
        }

        @Override
        public void setSoTimeout(int timeout) {
            // Read timeouts are enforced by the HTTP client, which closes the socket when one expires.
        }

        @Override
        public int getSoTimeout() {
            return 0;
        }
    }
}
