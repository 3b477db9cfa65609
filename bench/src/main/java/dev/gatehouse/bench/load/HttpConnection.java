package dev.gatehouse.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection over a plain blocking socket, with just enough of HTTP for
 * the benchmark's servers: status line, headers, Content-Length or chunked bodies, "Connection:
 * close".
 *
 * <p>Why not {@link java.net.http.HttpClient}: the paced driver shares two cores with the server,
 * so every microsecond it spends per request is taken from the thing being measured. A blocking
 * socket costs one system call to send and one to receive (the socket is connected without a
 * timeout and never given a read timeout, because either would switch it to non-blocking mode
 * with a poll before every read); the HTTP client adds a selector thread, futures and copies. A
 * plain socket also lets the driver open, cap and count connections itself.
 *
 * <p>{@link #send} and {@link #readResponse} may run on different threads (one writer, one
 * reader); {@link #close} from any thread makes a blocked read fail at once.
 */
final class HttpConnection implements Closeable {
  /** A response: its status and, when asked for, its body as text. */
  record Response(int status, String body) {}

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final byte[] buf = new byte[16 * 1024];
  private int pos;
  private int lim;
  private boolean closeAfter;

  HttpConnection(InetSocketAddress address) throws IOException {
    socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(address);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  void send(byte[] request) throws IOException {
    out.write(request);
  }

  /**
   * Blocks until a whole response is in. Throws {@link EOFException} if the server closed the
   * connection; after a response with "Connection: close", {@link #closeRequested()} is true.
   */
  Response readResponse(boolean wantBody) throws IOException {
    int status = readStatus();
    long contentLength = -1;
    boolean chunked = false;
    for (String h = readLine(); !h.isEmpty(); h = readLine()) {
      int colon = h.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-length" -> contentLength = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.contains("chunked");
        case "connection" -> closeAfter = value.contains("close");
        default -> { }
      }
    }
    ByteArrayOutputStream body = wantBody ? new ByteArrayOutputStream() : null;
    if (chunked) {
      readChunked(body);
    } else if (contentLength >= 0) {
      readBytes(contentLength, body);
    } else if (status >= 200 && status != 204 && status != 304) {
      throw new IOException("response without Content-Length or chunked encoding");
    }
    return new Response(status, body == null ? null : body.toString(StandardCharsets.UTF_8));
  }

  /** The last response said "Connection: close": no further request may be sent. */
  boolean closeRequested() {
    return closeAfter;
  }

  private int readStatus() throws IOException {
    String line = readLine();
    // "HTTP/1.1 200 OK"
    if (!line.startsWith("HTTP/1.") || line.length() < 12) {
      throw new IOException("not an HTTP/1.x status line: " + line);
    }
    return Integer.parseInt(line.substring(9, 12));
  }

  private void readChunked(ByteArrayOutputStream body) throws IOException {
    while (true) {
      String size = readLine();
      int semi = size.indexOf(';');
      long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
      if (n == 0) {
        // trailers, up to the empty line
        while (!readLine().isEmpty()) {
          // skip
        }
        return;
      }
      readBytes(n, body);
      readLine();
    }
  }

  private void readBytes(long n, ByteArrayOutputStream body) throws IOException {
    long left = n;
    while (left > 0) {
      if (pos == lim) {
        fill();
      }
      int take = (int) Math.min(left, lim - pos);
      if (body != null) {
        body.write(buf, pos, take);
      }
      pos += take;
      left -= take;
    }
  }

  /** One line without its CR LF, as ISO-8859-1 (status line, headers and chunk sizes are ASCII). */
  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      if (pos == lim) {
        fill();
      }
      byte b = buf[pos++];
      if (b == '\n') {
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\r') {
          line.setLength(len - 1);
        }
        return line.toString();
      }
      line.append((char) (b & 0xff));
    }
  }

  private void fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n < 0) {
      throw new EOFException("connection closed by the server");
    }
    pos = 0;
    lim = n;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
