"""Pure rules of the case process: plain values in, plain values out, no Plone."""
