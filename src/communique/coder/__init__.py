"""coder"""
