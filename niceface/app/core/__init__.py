"""Definition and execution: an Interface's data and the one door to its fn. No NiceGUI, no HTTP.

    definition.Definition   fn, components and options; what an Interface is, without UI
    invoke.invoke           the only caller of fn: checks, preprocessing, fn, postprocessing
    jobs / scheduler /queue where runs happen: at once on a bounded pool, or in a FIFO queue
    service.Service         what one launched app shares between its pages and its API
"""
