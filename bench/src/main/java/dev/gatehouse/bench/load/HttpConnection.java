package dev.gatehouse.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One keep-alive HTTP/1.1 connection with blocking socket I/O, just enough of HTTP for the
 * benchmark's servers (status line, headers, Content-Length or chunked bodies, "Connection:
 * close").
 *
 * <p>Why not {@link java.net.http.HttpClient}: the paced driver shares two cores with the server,
 * so every microsecond it spends per request is taken from the thing being measured; a blocking
 * read on a plain socket costs one system call where the HTTP client runs a selector thread, a
 * future chain and several copies. It also lets the driver open, count and cap connections
 * itself. Not thread-safe: one {@link ConnectionWorker} owns it.
 */
final class HttpConnection implements Closeable {
  /** A response: its status and, when asked for, its body as text. */
  record Response(int status, String body) {}

  private final InetSocketAddress address;
  private final AtomicInteger connects;
  private final byte[] buf = new byte[16 * 1024];
  private int pos;
  private int lim;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private int exchangesOnSocket;
  private boolean responseStarted;

  /** {@code connects} counts every TCP connection opened, reconnects included. */
  HttpConnection(InetSocketAddress address, AtomicInteger connects) {
    this.address = address;
    this.connects = connects;
  }

  /**
   * Sends one request and reads its response, giving up at {@code deadlineNanos}
   * ({@link System#nanoTime()}) with a {@link SocketTimeoutException}. After any exception the
   * socket is closed, since a half-read response leaves it unusable; the next call reconnects. A
   * request on a reused connection that the server had closed while it was idle (end of stream
   * before the first byte of the response) is sent once more on a new connection, as browsers
   * and HTTP clients do.
   */
  Response exchange(byte[] request, long deadlineNanos, boolean wantBody) throws IOException {
    try {
      boolean reused = ensureOpen(deadlineNanos);
      try {
        return send(request, deadlineNanos, wantBody);
      } catch (EOFException | java.net.SocketException e) {
        if (!reused || responseStarted) {
          throw e;
        }
        close();
        ensureOpen(deadlineNanos);
        return send(request, deadlineNanos, wantBody);
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private boolean ensureOpen(long deadlineNanos) throws IOException {
    if (socket != null) {
      return true;
    }
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.connect(address, (int) Math.max(1, Math.min(5_000, remainingMillis(deadlineNanos))));
    connects.incrementAndGet();
    socket = s;
    in = s.getInputStream();
    out = s.getOutputStream();
    pos = 0;
    lim = 0;
    exchangesOnSocket = 0;
    return false;
  }

  private Response send(byte[] request, long deadlineNanos, boolean wantBody) throws IOException {
    responseStarted = false;
    out.write(request);
    out.flush();
    int status = readStatus(deadlineNanos);
    long contentLength = -1;
    boolean chunked = false;
    boolean closeAfter = false;
    for (String h = readLine(deadlineNanos); !h.isEmpty(); h = readLine(deadlineNanos)) {
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
      readChunked(body, deadlineNanos);
    } else if (contentLength >= 0) {
      readBytes(contentLength, body, deadlineNanos);
    } else if (status >= 200 && status != 204 && status != 304) {
      throw new IOException("response without Content-Length or chunked encoding");
    }
    exchangesOnSocket++;
    if (closeAfter) {
      close();
    }
    return new Response(status, body == null ? null : body.toString(StandardCharsets.UTF_8));
  }

  private int readStatus(long deadlineNanos) throws IOException {
    String line = readLine(deadlineNanos);
    // "HTTP/1.1 200 OK"
    if (!line.startsWith("HTTP/1.") || line.length() < 12) {
      throw new IOException("not an HTTP/1.x status line: " + line);
    }
    return Integer.parseInt(line.substring(9, 12));
  }

  private void readChunked(ByteArrayOutputStream body, long deadlineNanos) throws IOException {
    while (true) {
      String size = readLine(deadlineNanos);
      int semi = size.indexOf(';');
      long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
      if (n == 0) {
        // trailers, up to the empty line
        while (!readLine(deadlineNanos).isEmpty()) {
          // skip
        }
        return;
      }
      readBytes(n, body, deadlineNanos);
      readLine(deadlineNanos);
    }
  }

  private void readBytes(long n, ByteArrayOutputStream body, long deadlineNanos) throws IOException {
    long left = n;
    while (left > 0) {
      if (pos == lim) {
        fill(deadlineNanos);
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
  private String readLine(long deadlineNanos) throws IOException {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      if (pos == lim) {
        fill(deadlineNanos);
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

  private void fill(long deadlineNanos) throws IOException {
    long ms = remainingMillis(deadlineNanos);
    if (ms <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, ms));
    int n = in.read(buf, 0, buf.length);
    if (n < 0) {
      throw new EOFException("connection closed by the server after " + exchangesOnSocket + " responses");
    }
    responseStarted = true;
    pos = 0;
    lim = n;
  }

  private static long remainingMillis(long deadlineNanos) {
    long nanos = deadlineNanos - System.nanoTime();
    return nanos <= 0 ? 0 : Math.max(1, nanos / 1_000_000);
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      socket = null;
      in = null;
      out = null;
    }
  }
}
