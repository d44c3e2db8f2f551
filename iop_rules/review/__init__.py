"""`iop-rules review`: a reviewer's comments written into a copy of the agreement's Word file."""
