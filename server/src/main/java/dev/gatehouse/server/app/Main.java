package dev.gatehouse.server.app;

/** Entry point of the gatehouse-server jar. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("gatehouse");
  }
}
