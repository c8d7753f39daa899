"""`python -m ae_kernel`: the entry point the kernelspec starts."""

from ipykernel.kernelapp import IPKernelApp

from .kernel import AEKernel

IPKernelApp.launch_instance(kernel_class=AEKernel)
