"""brief's version, in a module of its own: every module can import it without importing the
package's API (which imports them)."""

__version__ = "0.1.0"
