"""Definitions and running them, in layers (each imports only from those below it):

    interface, compose   the public Interface, Parallel and Series (reach every layer below)
    serve, external      launch() and the HTTP side; load() of Hub models and Gradio apps
    ui                   the page (NiceGUI)
    core                 Definition, the one door to fn (invoke), schedulers, the Service

``niceface.interpret`` sits between ``core`` and ``ui``. See docs/ARCHITECTURE.md.
"""
